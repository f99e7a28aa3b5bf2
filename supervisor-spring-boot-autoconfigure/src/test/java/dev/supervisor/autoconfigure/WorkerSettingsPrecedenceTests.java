package dev.supervisor.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.Escalation;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the precedence of worker settings: properties over annotation attributes over
 * {@code supervisor.defaults} over the engine's built-in defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerSettingsPrecedenceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withUserConfiguration(JobsConfiguration.class);

	@Test
	void usesBuiltInDefaultsWhenNothingIsSet() {
		this.contextRunner.run((context) -> {
			WorkerSpec spec = spec(context.getBean(Supervisor.class), "plain");
			WorkerSpec builtIn = WorkerSpec.builder("plain", (ctx) -> {
			}).build();
			assertThat(spec.restart()).isEqualTo(builtIn.restart());
			assertThat(spec.maxRestarts()).isEqualTo(builtIn.maxRestarts());
			assertThat(spec.restartWindow()).isEqualTo(builtIn.restartWindow());
			assertThat(spec.healthyAfter()).isEqualTo(builtIn.healthyAfter());
			assertThat(spec.startDelay()).isEqualTo(builtIn.startDelay());
			assertThat(spec.backoff()).isEqualTo(builtIn.backoff());
			assertThat(spec.escalation()).isEqualTo(builtIn.escalation());
			assertThat(spec.critical()).isEqualTo(builtIn.critical());
		});
	}

	@Test
	void defaultsPropertiesOverrideBuiltInDefaults() {
		this.contextRunner
			.withPropertyValues("supervisor.defaults.restart=always", "supervisor.defaults.max-restarts=7",
					"supervisor.defaults.restart-window=5m", "supervisor.defaults.healthy-after=10s",
					"supervisor.defaults.start-delay=2s", "supervisor.defaults.escalation=shutdown",
					"supervisor.defaults.critical=false", "supervisor.defaults.backoff.initial=2s",
					"supervisor.defaults.backoff.max=20s", "supervisor.defaults.backoff.multiplier=1.5",
					"supervisor.defaults.backoff.jitter=0")
			.run((context) -> {
				WorkerSpec spec = spec(context.getBean(Supervisor.class), "plain");
				assertThat(spec.restart()).isEqualTo(RestartPolicy.ALWAYS);
				assertThat(spec.maxRestarts()).isEqualTo(7);
				assertThat(spec.restartWindow()).isEqualTo(Duration.ofMinutes(5));
				assertThat(spec.healthyAfter()).isEqualTo(Duration.ofSeconds(10));
				assertThat(spec.startDelay()).isEqualTo(Duration.ofSeconds(2));
				assertThat(spec.escalation()).isEqualTo(Escalation.SHUTDOWN);
				assertThat(spec.critical()).isFalse();
				assertThat(spec.backoff()).isEqualTo(Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(20), 1.5, 0));
			});
	}

	@Test
	void annotationAttributesOverrideDefaultsProperties() {
		this.contextRunner
			.withPropertyValues("supervisor.defaults.restart=always", "supervisor.defaults.max-restarts=7",
					"supervisor.defaults.backoff.initial=2s", "supervisor.defaults.critical=true")
			.run((context) -> {
				WorkerSpec spec = spec(context.getBean(Supervisor.class), "tuned");
				assertThat(spec.restart()).isEqualTo(RestartPolicy.NEVER);
				assertThat(spec.maxRestarts()).isEqualTo(3);
				assertThat(spec.backoff().initial()).isEqualTo(Duration.ofMillis(500));
				assertThat(spec.critical()).isFalse();
				assertThat(spec.autoStartup()).isFalse();
			});
	}

	@Test
	void workerPropertiesOverrideAnnotationAttributes() {
		this.contextRunner
			.withPropertyValues("supervisor.workers.tuned.restart=on-failure", "supervisor.workers.tuned.max-restarts=9",
					"supervisor.workers.tuned.backoff.initial=750ms", "supervisor.workers.tuned.critical=true")
			.run((context) -> {
				WorkerSpec spec = spec(context.getBean(Supervisor.class), "tuned");
				assertThat(spec.restart()).isEqualTo(RestartPolicy.ON_FAILURE);
				assertThat(spec.maxRestarts()).isEqualTo(9);
				assertThat(spec.backoff().initial()).isEqualTo(Duration.ofMillis(750));
				assertThat(spec.critical()).isTrue();
			});
	}

	@Test
	void workerPropertyKeyOfMethodWorkerNeedsBrackets() {
		this.contextRunner.withPropertyValues("supervisor.workers[jobs.poll].max-restarts=11").run((context) -> {
			assertThat(spec(context.getBean(Supervisor.class), "jobs.poll").maxRestarts()).isEqualTo(11);
		});
	}

	@Test
	void autoStartupPropertyKeepsWorkerStopped() {
		this.contextRunner.withPropertyValues("supervisor.workers.plain.auto-startup=false").run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			assertThat(supervisor.isRunning()).isTrue();
			assertThat(supervisor.status("plain").state()).isEqualTo(WorkerState.STOPPED);
		});
	}

	@Test
	void disabledWorkerIsNotRegistered() {
		this.contextRunner.withPropertyValues("supervisor.workers.plain.enabled=false").run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			assertThat(supervisor.contains("plain")).isFalse();
			assertThat(supervisor.contains("tuned")).isTrue();
		});
	}

	@Test
	void backoffMaximumBelowInitialFromAnotherLevelFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("supervisor.workers.plain.backoff.max=100ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.workers.plain.backoff.max")
				.hasMessageContaining("'100ms'")
				.hasMessageContaining("at least backoff.initial (1s)");
		});
	}

	@Test
	void backoffMaximumBelowInitialSetByDefaultsNamesBothProperties() {
		this.contextRunner
			.withPropertyValues("supervisor.defaults.backoff.initial=2s", "supervisor.workers.plain.backoff.max=1500ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("supervisor.workers.plain.backoff.max")
					.hasMessageContaining("'1500ms'")
					.hasMessageContaining("conflicts with supervisor.defaults.backoff.initial=2s");
		});
	}

	@Test
	void warnsAboutWorkerPropertiesMatchingNoWorker(CapturedOutput output) {
		this.contextRunner.withPropertyValues("supervisor.workers.ploin.restart=never").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Property 'supervisor.workers.ploin' matches no supervised worker")
				.contains("known workers: [jobs.poll, plain, tuned]");
		});
	}

	@Test
	void doesNotWarnWhenEveryWorkerPropertyMatches(CapturedOutput output) {
		this.contextRunner.withPropertyValues("supervisor.workers.plain.restart=never").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("matches no supervised worker");
		});
	}

	private static WorkerSpec spec(Supervisor supervisor, String name) {
		return supervisor.status(name).spec();
	}

	@Configuration(proxyBeanMethods = false)
	static class JobsConfiguration {

		@Bean
		PlainJob plain() {
			return new PlainJob();
		}

		@Bean
		TunedJob tuned() {
			return new TunedJob();
		}

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	@Supervised
	static class PlainJob implements Runnable {

		@Override
		public void run() {
		}

	}

	@Supervised(restart = "never", maxRestarts = "3", backoffInitial = "500ms", critical = "false",
			autoStartup = "false")
	static class TunedJob implements Runnable {

		@Override
		public void run() {
		}

	}

	static class Jobs {

		@Supervised(autoStartup = "false")
		void poll() {
		}

	}

}
