package dev.supervisor.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidSupervisorPropertyFailureAnalyzer}: every bad {@code supervisor.*}
 * value fails start-up with a report naming the property, the value and what is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSupervisorPropertyFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			supervisor.shutdown-timeout                | -1s       | a duration of zero or more
			supervisor.threads                         | green     | auto, platform, virtual
			supervisor.defaults.restart                | sometimes | never, always, on-failure
			supervisor.defaults.max-restarts           | -2        | -1 for unlimited, or 0 and more
			supervisor.defaults.max-restarts           | many      | a whole number
			supervisor.defaults.restart-window         | 0s        | a duration greater than zero
			supervisor.defaults.restart-window         | -5s       | a duration greater than zero
			supervisor.defaults.healthy-after          | -1s       | a duration of zero or more
			supervisor.defaults.start-delay            | -1ms      | a duration of zero or more
			supervisor.defaults.escalation             | panic     | none, shutdown
			supervisor.defaults.critical               | maybe     | true or false
			supervisor.defaults.backoff.initial        | -1s       | a duration of zero or more
			supervisor.defaults.backoff.initial        | soon      | a duration such as 500ms
			supervisor.defaults.backoff.max            | -1s       | a duration of zero or more
			supervisor.defaults.backoff.max            | 500ms     | at least supervisor.defaults.backoff.initial
			supervisor.defaults.backoff.multiplier     | 0.5       | a number of 1.0 or more
			supervisor.defaults.backoff.multiplier     | NaN       | a number of 1.0 or more
			supervisor.defaults.backoff.jitter         | 1.5       | a fraction from 0.0 to 1.0
			supervisor.defaults.backoff.jitter         | -0.1      | a fraction from 0.0 to 1.0
			supervisor.workers.poller.restart          | sometimes | never, always, on-failure
			supervisor.workers.poller.max-restarts     | -3        | -1 for unlimited, or 0 and more
			supervisor.workers.poller.restart-window   | -1m       | a duration greater than zero
			supervisor.workers.poller.backoff.multiplier | 0.9     | a number of 1.0 or more
			supervisor.workers.poller.auto-startup     | perhaps   | true or false
			supervisor.workers[jobs.poll].max-restarts | -5        | -1 for unlimited, or 0 and more
			supervisor.processes.redis.stop-timeout    | -1s       | a duration of zero or more
			supervisor.processes.redis.output-lines    | -1        | 0 to 10000 lines
			supervisor.processes.redis.output-lines    | 10001     | 0 to 10000 lines
			supervisor.processes.redis.success-exit-codes | 256    | exit codes from 0 to 255
			supervisor.processes.redis.working-directory | /no/such/directory | an existing directory
			""")
	void reportsPropertyValueAndAllowedValues(String property, String value, String allowed) {
		String[] properties = property.startsWith("supervisor.processes.redis.")
				? new String[] { property + "=" + value, "supervisor.processes.redis.command=redis-server" }
				: new String[] { property + "=" + value };
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure(), properties);
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains("Property: " + property)
				.contains("Value:    \"" + value + "\"")
				.contains("Allowed:  ")
				.contains(allowed);
			assertThat(analysis.getAction()).contains(property);
		});
	}

	@Test
	void reportsEmptyProcessCommand() {
		String[] properties = { "supervisor.processes.redis.stop-timeout=5s" };
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure(), properties);
			assertThat(analysis.getDescription()).contains("Property: supervisor.processes.redis.command")
				.contains("a non-empty list: the program, then its arguments");
		});
	}

	@Test
	void showsWhereTheValueWasSet() {
		String[] properties = { "supervisor.defaults.backoff.jitter=2" };
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure(), properties);
			assertThat(analysis.getDescription()).contains("Origin:");
		});
	}

	@Test
	void ignoresFailuresOfOtherProperties() {
		assertThat(new InvalidSupervisorPropertyFailureAnalyzer(null).analyze(new IllegalStateException("boom")))
			.isNull();
	}

	@Test
	void applicationFailsToStartWithTheReport(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--supervisor.defaults.restart=sometimes"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: supervisor.defaults.restart")
			.contains("Value:    \"sometimes\"")
			.contains("Allowed:  never, always, on-failure");
	}

	private static FailureAnalysis analyze(Throwable failure, String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		return new InvalidSupervisorPropertyFailureAnalyzer(environment).analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SupervisorAutoConfiguration.class)
	static class MinimalApplication {

	}

}
