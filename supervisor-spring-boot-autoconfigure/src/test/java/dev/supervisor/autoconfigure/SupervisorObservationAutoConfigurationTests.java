package dev.supervisor.autoconfigure;

import java.time.Duration;

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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.actuate.metrics.SupervisorMetrics;
import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;
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
			awaitExited(context.getBean(Supervisor.class));
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
				awaitExited(context.getBean(Supervisor.class));
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
				awaitExited(context.getBean(Supervisor.class));
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
			awaitExited(context.getBean(Supervisor.class));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			awaitBinderHeardOfTheRun(meters);
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
			awaitExited(context.getBean(Supervisor.class));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			awaitBinderHeardOfTheRun(meters);
			assertThat(meters.find(SupervisorMetrics.RUN).timers()).hasSize(1);
			Timer timer = meters.get(SupervisorMetrics.RUN).timer();
			assertThat(timer.count()).isOne();
			assertThat(timer.getId().getTags()).extracting((tag) -> tag.getKey() + "=" + tag.getValue())
				.containsExactlyInAnyOrder("worker=mailer", "outcome=completed");
		});
	}

	@Test
	void noRunTimerIsRecordedWhenSpringBootSwitchesTheObservationOff() {
		// Documented: supervisor.observations.enabled=false is the switch that keeps the timer.
		metricsRunner().withPropertyValues("management.observations.enable.supervisor.worker.run=false")
			.run((context) -> {
				awaitExited(context.getBean(Supervisor.class));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				awaitBinderHeardOfTheRun(meters);
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

	/** The binder counts the run's end on the event it would time the run on. */
	private static void awaitBinderHeardOfTheRun(MeterRegistry meters) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> meters.get(SupervisorMetrics.STOPS).tag("outcome", "completed").counter().count() == 1);
	}

	private static void awaitExited(Supervisor supervisor) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> supervisor.status("mailer").state() == WorkerState.EXITED);
	}

	@Configuration(proxyBeanMethods = false)
	static class MailerConfiguration {

		@Bean
		Mailer mailer() {
			return new Mailer();
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
