package dev.supervisor.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.annotation.Supervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every bad {@code supervisor.*} value, unknown key, name clash or missing program fails
 * start-up with Spring Boot's own report, naming the key, the value, the file and line it was
 * set in, and what is wrong.
 */
@ExtendWith(OutputCaptureExtension.class)
class SupervisorPropertiesFailureReportTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			supervisor.shutdown-timeout                   | -1s                  | zero or more
			supervisor.threads                            | green                | Failed to bind properties under 'supervisor.threads'
			supervisor.defaults.restart                   | sometimes            | Failed to bind properties under 'supervisor.defaults.restart'
			supervisor.defaults.max-restarts              | -2                   | -1 for unlimited, or 0 and more
			supervisor.defaults.max-restarts              | many                 | Failed to bind properties under 'supervisor.defaults.max-restarts'
			supervisor.defaults.restart-window            | 0s                   | a positive duration
			supervisor.defaults.restart-window            | -5s                  | a positive duration
			supervisor.defaults.healthy-after             | -1s                  | zero or more
			supervisor.defaults.start-delay               | -1ms                 | zero or more
			supervisor.defaults.escalation                | panic                | Failed to bind properties under 'supervisor.defaults.escalation'
			supervisor.defaults.critical                  | maybe                | Failed to bind properties under 'supervisor.defaults.critical'
			supervisor.defaults.backoff.initial           | -1s                  | zero or more
			supervisor.defaults.backoff.initial           | soon                 | Failed to bind properties under 'supervisor.defaults.backoff.initial'
			supervisor.defaults.backoff.max               | 500ms                | at least backoff.initial (1s)
			supervisor.defaults.backoff.multiplier        | 0.5                  | 1.0 or more
			supervisor.defaults.backoff.multiplier        | NaN                  | 1.0 or more
			supervisor.defaults.backoff.jitter            | 1.5                  | from 0.0 to 1.0
			supervisor.defaults.backoff.jitter            | -0.1                 | from 0.0 to 1.0
			supervisor.workers.poller.restart             | sometimes            | Failed to bind properties under 'supervisor.workers.poller.restart'
			supervisor.workers.poller.max-restarts        | -3                   | -1 for unlimited, or 0 and more
			supervisor.workers.poller.restart-window      | -1m                  | a positive duration
			supervisor.workers.poller.backoff.multiplier  | 0.9                  | 1.0 or more
			supervisor.workers.poller.auto-startup        | perhaps              | Failed to bind properties under 'supervisor.workers.poller.auto-startup'
			supervisor.workers[jobs.poll].max-restarts    | -5                   | -1 for unlimited, or 0 and more
			supervisor.processes.redis.max-restarts       | -4                   | -1 for unlimited, or 0 and more
			supervisor.processes.redis.stop-timeout       | -1s                  | zero or more
			supervisor.processes.redis.output-lines       | -1                   | 0 to 10000
			supervisor.processes.redis.output-lines       | 10001                | 0 to 10000
			supervisor.processes.redis.success-exit-codes | 256                  | exit codes from 0 to 255
			supervisor.processes.redis.working-directory  | /no/such/directory   | must be an existing directory
			supervisor.cluster.lock-ttl                   | 0ms                  | a duration greater than zero
			supervisor.cluster.fencing-margin             | 10000ms              | less than supervisor.cluster.lock-ttl (10000ms)
			supervisor.workers.poller.restrat             | always               | were left unbound
			supervisor.defaults.max-restart               | 3                    | were left unbound
			supervisor.processes.redis.comand             | sh                   | were left unbound
			supervisor.tables.tenants.restrat             | always               | were left unbound
			supervisor.processes.redis.command[0]         | no-such-program-4711 | was found on the application's PATH
			supervisor.processes.redis.command[0]         | /no/such/program     | does not exist
			supervisor.processes.redis.pass-environment   | PATH                 | applies only with supervisor.processes.redis.inherit-environment=false
			supervisor.processes.clash.command[0]         | sh                   | has the name of the worker 'clash' declared by bean 'clash'
			""")
	void reportsKeyValueOriginAndReason(String key, String value, String reason, CapturedOutput output)
			throws IOException {
		Path file = this.directory.resolve("application.properties");
		String lines = key + "=" + value + "\n";
		if (key.startsWith("supervisor.processes.redis.") && !key.contains(".command[0]")) {
			lines += "supervisor.processes.redis.command=sh\n";
		}
		Files.writeString(file, lines);
		SpringApplication application = new SpringApplication(WorkersApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.config.location=file:" + file));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(key)
			.contains(value)
			.contains(file + "] - 1:")
			.contains(reason);
	}

	@Test
	void reportsAProgramThatAProcessWithoutPathCannotFindWithoutShowingItsArguments(CapturedOutput output)
			throws IOException {
		Path file = this.directory.resolve("application.properties");
		Files.writeString(file, "supervisor.processes.redis.command=redis-server,--requirepass=hunter2\n"
				+ "supervisor.processes.redis.inherit-environment=false\n");
		SpringApplication application = new SpringApplication(WorkersApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.config.location=file:" + file));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("supervisor.processes.redis.command[0]")
			.contains("the process has no PATH to find it on")
			.doesNotContain("hunter2");
	}

	@Test
	void reportsAMissingProgramWithoutShowingItsArguments(CapturedOutput output) throws IOException {
		Path file = this.directory.resolve("application.properties");
		Files.writeString(file, "supervisor.processes.redis.command=no-such-program-4711,--requirepass=hunter2\n");
		SpringApplication application = new SpringApplication(WorkersApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.config.location=file:" + file));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("no-such-program-4711")
			.doesNotContain("hunter2");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SupervisorAutoConfiguration.class)
	static class WorkersApplication {

		@Bean
		@Supervised
		Runnable poller() {
			return () -> {
			};
		}

		@Bean
		@Supervised
		Runnable clash() {
			return () -> {
			};
		}

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	static class Jobs {

		@Supervised
		void poll() {
		}

	}

}
