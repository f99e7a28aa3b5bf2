package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.actuate.metrics.SupervisorMetrics;
import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;
import dev.supervisor.observation.DefaultWorkerRunObservationConvention;
import dev.supervisor.observation.ObservationRunObserver;
import dev.supervisor.observation.WorkerRunObservationConvention;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorObservationAutoConfiguration}, and for which of it and the metrics
 * binder registers the {@code supervisor.worker.run} timer.
 */
class SupervisorObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SupervisorAutoConfiguration.class, SupervisorObservationAutoConfiguration.class))
		.withUserConfiguration(MailerConfiguration.class);

	@Test
	void observesEveryRunWhenAnObservationRegistryExists() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(context).hasSingleBean(ObservationRunObserver.class);
			awaitExited(context);
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry).hasSingleObservationThat()
					.hasNameEqualTo("supervisor.worker.run")
					.hasLowCardinalityKeyValue("worker", "mailer")
					.hasLowCardinalityKeyValue("outcome", "completed")
					.hasBeenStopped());
		});
	}

	@Test
	void backsOffWithoutObservationRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ObservationRunObserver.class));
	}

	@Test
	void observesNothingWhenDisabled() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("supervisor.observations.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ObservationRunObserver.class);
				awaitExited(context);
				assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
			});
	}

	@Test
	void backsOffWhenSupervisorIsDisabled() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("supervisor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationRunObserver.class));
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Supervisor.class)
				.doesNotHaveBean(ObservationRunObserver.class));
	}

	@Test
	void usesTheConventionBeanOfTheApplication() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withUserConfiguration(ConventionConfiguration.class)
			.run((context) -> {
				awaitExited(context);
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry).hasSingleObservationThat()
						.hasNameEqualTo("jobs.run")
						.hasBeenStopped());
			});
	}

	@Test
	void theRunTimerIsTheObservationsWhenTheRegistryHasAMeterHandler() {
		metricsRunner().run((context) -> {
			awaitExited(context);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find(SupervisorMetrics.RUN).timers()).hasSize(1);
			Timer timer = meters.get(SupervisorMetrics.RUN).timer();
			assertThat(timer.count()).isOne();
			assertThat(timer.getId().getTags()).extracting((tag) -> tag.getKey() + "=" + tag.getValue())
				.containsExactlyInAnyOrder("worker=mailer", "outcome=completed", "exception=none", "error=none");
		});
	}

	@Test
	void theRunTimerIsTheBindersWhenObservationsAreDisabled() {
		metricsRunner().withPropertyValues("supervisor.observations.enabled=false").run((context) -> {
			awaitExited(context);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find(SupervisorMetrics.RUN).timers()).hasSize(1);
			Timer timer = meters.get(SupervisorMetrics.RUN).timer();
			assertThat(timer.count()).isOne();
			assertThat(timer.getId().getTags()).extracting((tag) -> tag.getKey() + "=" + tag.getValue())
				.containsExactlyInAnyOrder("worker=mailer", "outcome=completed");
		});
	}

	@Test
	void theRunTimerOfTheCopiesOfAReplicatedWorkerIsTaggedWithItsName() {
		metricsRunner().withPropertyValues("supervisor.workers.mailer.instances=2").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(meters.get(SupervisorMetrics.RUN).tag("worker", "mailer").timer().count())
					.isEqualTo(2));
			assertThat(meters.find(SupervisorMetrics.RUN).tag("worker", "mailer-1").timers()).isEmpty();
		});
	}

	@Test
	void theRunTimerOfEachCopyIsTaggedWithItsOwnNameWithPerKeyTags() {
		metricsRunner().withPropertyValues("supervisor.workers.mailer.instances=2", "supervisor.metrics.per-key-tags=true")
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
					assertThat(meters.get(SupervisorMetrics.RUN).tag("worker", "mailer-1").timer().count()).isOne();
					assertThat(meters.get(SupervisorMetrics.RUN).tag("worker", "mailer-2").timer().count()).isOne();
				});
				assertThat(meters.find(SupervisorMetrics.RUN).tag("worker", "mailer").timers()).isEmpty();
			});
	}

	@Test
	void noRunTimerIsRecordedWhenSpringBootSwitchesTheObservationOff() {
		// Documented: supervisor.observations.enabled=false is the switch that keeps the timer.
		metricsRunner().withPropertyValues("management.observations.enable.supervisor.worker.run=false")
			.run((context) -> {
				awaitExited(context);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find(SupervisorMetrics.RUN).timers()).isEmpty();
			});
	}

	private ApplicationContextRunner metricsRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SupervisorAutoConfiguration.class,
					SupervisorObservationAutoConfiguration.class, SupervisorMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withUserConfiguration(MailerConfiguration.class);
	}

	/**
	 * Wait until every listener, the metrics binder included, has heard of the mailer's run end:
	 * events reach all listeners one after the other, and the state change to EXITED comes after
	 * the run's end.
	 */
	private static void awaitExited(AssertableApplicationContext context) {
		ExitListener listener = context.getBean(ExitListener.class);
		await().atMost(Duration.ofSeconds(10)).untilTrue(listener.exited);
	}

	@Configuration(proxyBeanMethods = false)
	static class MailerConfiguration {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		@Bean
		ExitListener exitListener() {
			return new ExitListener();
		}

	}

	static class ExitListener implements SupervisorListener {

		final AtomicBoolean exited = new AtomicBoolean();

		@Override
		public void onEvent(SupervisorEvent event) {
			if (event instanceof WorkerStateChangedEvent changed && changed.to() == WorkerState.EXITED) {
				this.exited.set(true);
			}
		}

	}

	static class Mailer {

		@Supervised("mailer")
		void send() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		WorkerRunObservationConvention jobsConvention() {
			return new DefaultWorkerRunObservationConvention() {

				@Override
				public String getName() {
					return "jobs.run";
				}

			};
		}

	}

}
