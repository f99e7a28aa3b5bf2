package dev.supervisor.spring.escalation;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ShutdownEscalationListener}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownEscalationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withUserConfiguration(FailingWorkerConfiguration.class, RecordingExitConfiguration.class)
		.withPropertyValues("supervisor.defaults.max-restarts=1", "supervisor.defaults.backoff.initial=0s",
				"supervisor.defaults.backoff.max=0s");

	@Test
	void closesContextAndExitsNonZeroWhenWorkerWithShutdownEscalationGoesFatal(CapturedOutput output) {
		this.contextRunner.withPropertyValues("supervisor.workers.failing.escalation=shutdown").run((context) -> {
			RecordingExit exit = context.getBean(RecordingExit.class);
			await().until(() -> exit.status.get() != Integer.MIN_VALUE);
			assertThat(exit.status.get()).isEqualTo(ShutdownEscalationListener.EXIT_CODE);
			assertThat(((ConfigurableApplicationContext) context.getSourceApplicationContext()).isActive()).isFalse();
			assertThat(exit.contextActiveAtExit).isFalse();
			assertThat(output).contains("Worker 'failing' exceeded 1 restart within")
				.contains("shutting the application down with a non-zero exit code");
		});
	}

	@Test
	void closesContextAndExitsNonZeroWhenGroupWithShutdownEscalationIsGivenUp(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("supervisor.defaults.max-restarts=-1", "supervisor.groups.pipeline.members=failing",
					"supervisor.groups.pipeline.max-restarts=1", "supervisor.groups.pipeline.escalation=shutdown")
			.run((context) -> {
				RecordingExit exit = context.getBean(RecordingExit.class);
				await().until(() -> exit.status.get() != Integer.MIN_VALUE);
				assertThat(exit.status.get()).isEqualTo(ShutdownEscalationListener.EXIT_CODE);
				assertThat(output).contains("Group 'pipeline' exceeded 1 restart within")
					.contains("shutting the application down with a non-zero exit code")
					.contains("Application closed because group 'pipeline' was given up");
			});
	}

	@Test
	void keepsRunningWhenWorkerWithoutEscalationGoesFatal() {
		this.contextRunner.run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			await().until(() -> supervisor.status("failing").state() == WorkerState.FATAL);
			assertThat(context.getBean(RecordingExit.class).status.get()).isEqualTo(Integer.MIN_VALUE);
			assertThat(context).hasNotFailed();
			assertThat(supervisor.isRunning()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingWorkerConfiguration {

		@Bean
		FailingWorker failing() {
			return new FailingWorker();
		}

	}

	@Supervised
	static class FailingWorker implements Runnable {

		@Override
		public void run() {
			throw new IllegalStateException("broken");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingExitConfiguration {

		@Bean
		RecordingExit recordingExit(org.springframework.context.ApplicationContext context) {
			return new RecordingExit((ConfigurableApplicationContext) context);
		}

	}

	static class RecordingExit implements JvmExit {

		private final ConfigurableApplicationContext context;

		final AtomicInteger status = new AtomicInteger(Integer.MIN_VALUE);

		volatile boolean contextActiveAtExit = true;

		RecordingExit(ConfigurableApplicationContext context) {
			this.context = context;
		}

		@Override
		public void exit(int status) {
			this.contextActiveAtExit = this.context.isActive();
			this.status.set(status);
		}

	}

}
