package dev.supervisor.spring.event;

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
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

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
			await().until(() -> recorder.ofType(WorkerExitedEvent.class).size() == 1);
			assertThat(recorder.ofType(WorkerStartedEvent.class)).singleElement()
				.satisfies((event) -> assertThat(event.worker()).isEqualTo("completing"));
			assertThat(recorder.ofType(WorkerExitedEvent.class).get(0).outcome()).isEqualTo(RunOutcome.COMPLETED);
		});
	}

	@Test
	void publishesRestartingAndRestartLimitEvents() {
		this.contextRunner.withUserConfiguration(FailingConfiguration.class)
			.withPropertyValues("supervisor.defaults.max-restarts=2")
			.run((context) -> {
				Recorder recorder = context.getBean(Recorder.class);
				await().until(() -> recorder.ofType(RestartLimitBreachedEvent.class).size() == 1);
				assertThat(recorder.ofType(WorkerRestartingEvent.class)).hasSize(2);
				RestartLimitBreachedEvent breached = recorder.ofType(RestartLimitBreachedEvent.class).get(0);
				assertThat(breached.maxRestarts()).isEqualTo(2);
				assertThat(breached.cause().exception()).isEqualTo(IllegalStateException.class.getName());
			});
	}

	@Test
	void deliversOnlyTheEventTypeAListenerAsksFor() {
		this.contextRunner.withUserConfiguration(CompletingConfiguration.class, ExitListenerConfiguration.class)
			.run((context) -> {
				Recorder recorder = context.getBean(Recorder.class);
				ExitListener exits = context.getBean(ExitListener.class);
				await().until(() -> recorder.ofType(WorkerExitedEvent.class).size() == 1);
				assertThat(recorder.events).hasSizeGreaterThan(1);
				assertThat(exits.events).singleElement()
					.satisfies((event) -> assertThat(event.worker()).isEqualTo("completing"));
			});
	}

	@Test
	void publishesStoppedEventWhenApplicationShutsDown() {
		this.contextRunner.withUserConfiguration(LoopingConfiguration.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().until(() -> recorder.ofType(WorkerStartedEvent.class).size() == 1);
			context.close();
			assertThat(recorder.ofType(WorkerStateChangedEvent.class))
				.filteredOn((event) -> event.to() == WorkerState.STOPPED)
				.singleElement()
				.satisfies((event) -> assertThat(event.worker()).isEqualTo("looping"));
			assertThat(recorder.ofType(WorkerExitedEvent.class)).singleElement()
				.satisfies((event) -> assertThat(event.outcome()).isEqualTo(RunOutcome.STOPPED));
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

		final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SupervisorEvent event) {
			this.events.add(event);
		}

		<E extends SupervisorEvent> List<E> ofType(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExitListenerConfiguration {

		@Bean
		ExitListener exitListener() {
			return new ExitListener();
		}

	}

	static class ExitListener {

		final List<WorkerExitedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener(WorkerExitedEvent.class)
		void on(WorkerExitedEvent event) {
			this.events.add(event);
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
