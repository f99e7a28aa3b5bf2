package dev.supervisor.autoconfigure.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.event.WorkerExitedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorApplicationEventPublisher}: engine events arrive at
 * {@code @EventListener} methods.
 */
class SupervisorApplicationEventTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withUserConfiguration(ListenerConfiguration.class)
		.withPropertyValues("supervisor.defaults.backoff.initial=0s", "supervisor.defaults.backoff.max=0s");

	@Test
	void publishesStartedAndExitedEvents() {
		this.contextRunner.withUserConfiguration(CompletingConfiguration.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().until(() -> recorder.ofType(WorkerExitedApplicationEvent.class).size() == 1);
			assertThat(recorder.ofType(WorkerStartedApplicationEvent.class)).hasSize(1)
				.allSatisfy((event) -> assertThat(event.getWorker()).isEqualTo("completing"));
			WorkerExitedEvent exited = ((WorkerExitedApplicationEvent) recorder.ofType(WorkerExitedApplicationEvent.class)
				.get(0)).getEvent();
			assertThat(exited.outcome()).isEqualTo(RunOutcome.COMPLETED);
		});
	}

	@Test
	void publishesRestartingAndFatalEvents() {
		this.contextRunner.withUserConfiguration(FailingConfiguration.class)
			.withPropertyValues("supervisor.defaults.max-restarts=2")
			.run((context) -> {
				Recorder recorder = context.getBean(Recorder.class);
				await().until(() -> recorder.ofType(WorkerFatalApplicationEvent.class).size() == 1);
				assertThat(recorder.ofType(WorkerRestartingApplicationEvent.class)).hasSize(2);
				WorkerFatalApplicationEvent fatal = (WorkerFatalApplicationEvent) recorder
					.ofType(WorkerFatalApplicationEvent.class)
					.get(0);
				assertThat(fatal.getEvent().maxRestarts()).isEqualTo(2);
				assertThat(fatal.getEvent().cause().exception()).isEqualTo(IllegalStateException.class.getName());
			});
	}

	@Test
	void publishesStoppedEventWhenApplicationShutsDown() {
		this.contextRunner.withUserConfiguration(LoopingConfiguration.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().until(() -> recorder.ofType(WorkerStartedApplicationEvent.class).size() == 1);
			context.close();
			assertThat(recorder.ofType(WorkerStoppedApplicationEvent.class)).hasSize(1)
				.allSatisfy((event) -> assertThat(event.getWorker()).isEqualTo("looping"));
			assertThat(recorder.ofType(WorkerExitedApplicationEvent.class)).singleElement()
				.satisfies((event) -> assertThat(((WorkerExitedApplicationEvent) event).getEvent().outcome())
					.isEqualTo(RunOutcome.STOPPED));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		private final List<SupervisorApplicationEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SupervisorApplicationEvent event) {
			this.events.add(event);
		}

		List<SupervisorApplicationEvent> ofType(Class<? extends SupervisorApplicationEvent> type) {
			return this.events.stream().filter(type::isInstance).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CompletingConfiguration {

		@Bean
		Runnable completing() {
			return new CompletingWorker();
		}

	}

	@Supervised(restart = "never")
	static class CompletingWorker implements Runnable {

		@Override
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		@Bean
		Runnable failing() {
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
	static class LoopingConfiguration {

		@Bean
		LoopingWorker looping() {
			return new LoopingWorker();
		}

	}

	@Supervised
	static class LoopingWorker implements dev.supervisor.core.Worker {

		@Override
		public void run(WorkerContext context) {
			context.sleep(Duration.ofHours(1));
		}

	}

}
