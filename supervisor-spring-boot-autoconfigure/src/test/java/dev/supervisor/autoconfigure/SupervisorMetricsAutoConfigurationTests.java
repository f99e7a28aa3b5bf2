package dev.supervisor.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.actuate.metrics.SupervisorMetrics;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorMetricsAutoConfiguration}.
 */
class SupervisorMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SupervisorMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void bindsSupervisorMetersToTheMeterRegistry() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SupervisorMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(SupervisorMetrics.WORKERS).gauges()).hasSize(WorkerState.values().length);
			assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "poller").counter().count()).isZero();
		});
	}

	@Test
	void backsOffWithoutSupervisor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SupervisorMetrics.class));
	}

	@Test
	void backsOffWhenMetricsAreDisabled() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withPropertyValues("supervisor.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SupervisorMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find(SupervisorMetrics.WORKERS).gauges()).isEmpty();
			});
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SupervisorMetricsAutoConfiguration.class))
			.withUserConfiguration(SupervisorConfiguration.class)
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SupervisorMetrics.class));
	}

	@Test
	void backsOffWhenUserDefinesSupervisorMetrics() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class, UserMetricsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SupervisorMetrics.class);
				assertThat(context).getBean(SupervisorMetrics.class)
					.isSameAs(context.getBean(UserMetricsConfiguration.class).metrics);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class SupervisorConfiguration {

		@Bean(destroyMethod = "shutdown")
		Supervisor supervisor() {
			Supervisor supervisor = Supervisor.builder().build();
			supervisor.add(WorkerSpec.builder("poller", (context) -> {
			}).autoStartup(false).build());
			return supervisor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		SupervisorMetrics metrics;

		@Bean
		SupervisorMetrics customSupervisorMetrics(Supervisor supervisor) {
			this.metrics = new SupervisorMetrics(supervisor);
			return this.metrics;
		}

	}

}
