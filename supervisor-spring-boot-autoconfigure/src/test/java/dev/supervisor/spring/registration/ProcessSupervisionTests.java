package dev.supervisor.spring.registration;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.process.OutputLine;
import dev.supervisor.core.process.ProcessSnapshot;
import dev.supervisor.core.process.ProcessWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for OS processes declared under {@code supervisor.processes.<name>}.
 */
class ProcessSupervisionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void aProcessThatDoesNotInheritTheEnvironmentSeesOnlyThePassedAndGivenVariables() {
		this.contextRunner
			.withPropertyValues("supervisor.processes.clean.command=/usr/bin/env",
					"supervisor.processes.clean.inherit-environment=false",
					"supervisor.processes.clean.pass-environment=PATH",
					"supervisor.processes.clean.environment.GREETING=hello", "supervisor.processes.clean.restart=never")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				await().untilAsserted(
						() -> assertThat(supervisor.status("clean").state()).isEqualTo(WorkerState.EXITED));
				assertThat(output(supervisor, "clean")).containsExactlyInAnyOrder("PATH=" + System.getenv("PATH"),
						"GREETING=hello");
			});
	}

	@Test
	void aProgramIsFoundOnThePathOfTheProcessEnvironment() throws IOException {
		Path bin = Files.createDirectories(this.directory.resolve("bin"));
		Path tool = Files.writeString(bin.resolve("mytool-4711"), "#!/bin/sh\necho \"mytool ran\"\n");
		assertThat(tool.toFile().setExecutable(true)).isTrue();
		this.contextRunner
			.withPropertyValues("supervisor.processes.mytool.command=mytool-4711",
					"supervisor.processes.mytool.environment.PATH=" + bin + File.pathSeparator + System.getenv("PATH"),
					"supervisor.processes.mytool.restart=never")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				await().untilAsserted(
						() -> assertThat(supervisor.status("mytool").state()).isEqualTo(WorkerState.EXITED));
				assertThat(output(supervisor, "mytool")).containsExactly("mytool ran");
			});
	}

	@Test
	void aProgramMissingFromThePathOfTheProcessEnvironmentFailsStartUp() throws IOException {
		Path empty = Files.createDirectories(this.directory.resolve("empty"));
		this.contextRunner
			.withPropertyValues("supervisor.processes.nopath.command=sh",
					"supervisor.processes.nopath.environment.PATH=" + empty)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("No executable program 'sh' was found on its environment.PATH")
				.hasMessageNotContaining(empty.toString()));
	}

	private static List<String> output(Supervisor supervisor, String name) {
		ProcessSnapshot snapshot = ((ProcessWorker) supervisor.status(name).spec().worker()).snapshot();
		return snapshot.output().stream().map(OutputLine::text).toList();
	}

	@Test
	void aConfiguredProcessRunsWithItsOwnSettingsOverTheDefaults() {
		this.contextRunner
			.withPropertyValues("supervisor.defaults.restart=always", "supervisor.defaults.max-restarts=7",
					"supervisor.processes.greeter.command[0]=sh", "supervisor.processes.greeter.command[1]=-c",
					"supervisor.processes.greeter.command[2]=echo \"hello $GREETING\"; exit 3",
					"supervisor.processes.greeter.environment.GREETING=world",
					"supervisor.processes.greeter.success-exit-codes=0,3",
					"supervisor.processes.greeter.restart=on-failure")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				await().untilAsserted(
						() -> assertThat(supervisor.status("greeter").state()).isEqualTo(WorkerState.EXITED));
				WorkerSpec spec = supervisor.status("greeter").spec();
				assertThat(spec.restart()).as("from the process entry").isEqualTo(RestartPolicy.ON_FAILURE);
				assertThat(spec.maxRestarts()).as("from supervisor.defaults").isEqualTo(7);
				ProcessSnapshot snapshot = ((ProcessWorker) spec.worker()).snapshot();
				assertThat(snapshot.exitCode()).isEqualTo(3);
				assertThat(snapshot.output()).extracting(OutputLine::text).containsExactly("hello world");
			});
	}

	@Test
	void aDisabledProcessIsNotRegistered() {
		this.contextRunner
			.withPropertyValues("supervisor.processes.idle.command=true", "supervisor.processes.idle.enabled=false")
			.run((context) -> assertThat(context.getBean(Supervisor.class).contains("idle")).isFalse());
	}

	@Test
	void aProcessWithoutCommandFailsStartUpNamingTheKeyAndWhatIsAllowed() {
		this.contextRunner.withPropertyValues("supervisor.processes.idle.restart=never")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property supervisor.processes.idle.command with value '[]' is invalid")
				.hasMessageContaining("allowed: a program and its arguments, at least one element"));
	}

	@Test
	void aProcessWhoseProgramIsBlankFailsStartUpNamingTheKey() {
		this.contextRunner.withPropertyValues("supervisor.processes.idle.command[0]= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property supervisor.processes.idle.command")
				.hasMessageContaining("a program name that is not blank"));
	}

	@Test
	void aProcessNamedLikeAWorkerFailsStartUpNamingBoth() {
		this.contextRunner.withUserConfiguration(SleeperWorkerConfiguration.class)
			.withPropertyValues("supervisor.processes.sleeper.command=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.processes.sleeper.command[0]")
				.hasMessageContaining("property 'supervisor.processes.sleeper'")
				.hasMessageContaining("the worker 'sleeper' declared by bean 'sleeper'"));
	}

	@Test
	void closingTheContextLeavesNoneOfTenProcessesAlive() {
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			properties.add("supervisor.processes.sleeper-" + i + ".command=sleep,1000");
			properties.add("supervisor.processes.sleeper-" + i + ".stop-timeout=2s");
		}
		List<ProcessHandle> processes = new ArrayList<>();
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(supervisor.statuses())
				.hasSize(10)
				.allSatisfy((status) -> assertThat(pid(status)).isNotNull()));
			for (WorkerStatus status : supervisor.statuses()) {
				ProcessHandle handle = ProcessHandle.of(pid(status)).orElseThrow();
				assertThat(handle.isAlive()).isTrue();
				processes.add(handle);
			}
		});
		assertThat(processes).hasSize(10).noneMatch(ProcessHandle::isAlive);
	}

	private static Long pid(WorkerStatus status) {
		ProcessSnapshot snapshot = ((ProcessWorker) status.spec().worker()).snapshot();
		return snapshot.alive() ? snapshot.pid() : null;
	}

	@Configuration(proxyBeanMethods = false)
	static class SleeperWorkerConfiguration {

		@Bean
		@Supervised("sleeper")
		Runnable sleeper() {
			return () -> {
			};
		}

	}

}
