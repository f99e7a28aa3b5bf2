package dev.supervisor.actuate.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.autoconfigure.SupervisorMetricsAutoConfiguration;
import dev.supervisor.autoconfigure.WorkerTableAutoConfiguration;
import dev.supervisor.autoconfigure.WorkerTableMetricsAutoConfiguration;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerTableMetrics} and its auto-configuration: the meters of a
 * {@link WorkerTable} bean, added to the supervisor after the registry was bound.
 */
class WorkerTableMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SupervisorAutoConfiguration.class,
				WorkerTableAutoConfiguration.class, WorkerTableMetricsAutoConfiguration.class,
				SupervisorMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withUserConfiguration(TenantsConfiguration.class);

	@Test
	void countsTheKeysThatHaveAWorkerAndThePassesByOutcome() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.get(WorkerTableMetrics.KEYS).tag("table", "tenants").gauge().value()).isEqualTo(2.0);
				assertThat(refreshes(registry, "success")).isEqualTo(1.0);
			});
			assertThat(refreshes(registry, "failure")).isZero();
			assertThat(refreshes(registry, "timeout")).isZero();

			TenantsConfiguration tenants = context.getBean(TenantsConfiguration.class);
			tenants.failing.set(true);
			context.getBean(Supervisor.class).refreshTable("tenants");

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refreshes(registry, "failure")).isEqualTo(1.0));
			assertThat(registry.get(WorkerTableMetrics.KEYS).tag("table", "tenants").gauge().value())
				.as("a failing source keeps the workers")
				.isEqualTo(2.0);
		});
	}

	@Test
	void theWorkersOfATableCountUnderTheTableNameAndTheirMetersOutliveEachKey() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(
					() -> assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "tenants").counter().count())
						.isEqualTo(2.0));
			assertThat(registry.find(SupervisorMetrics.STARTS).tag("worker", "tenants-acme").counter()).isNull();

			context.getBean(TenantsConfiguration.class).keys.remove("globex");
			context.getBean(Supervisor.class).refreshTable("tenants");

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					registry.get(SupervisorMetrics.STOPS).tags("worker", "tenants", "outcome", "stopped").counter().count())
				.isEqualTo(1.0));
			assertThat(registry.find(SupervisorMetrics.STOPS).tag("worker", "tenants-globex").counters()).isEmpty();
			assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "tenants").counter().count()).isEqualTo(2.0);
		});
	}

	@Test
	void perKeyTagsTagEachWorkerOfTheTableWithItsOwnName() {
		this.contextRunner.withPropertyValues("supervisor.tables.tenants.per-key-tags=true").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "tenants-acme").counter().count()).isEqualTo(1.0);
				assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "tenants-globex").counter().count()).isEqualTo(1.0);
			});
			assertThat(registry.find(SupervisorMetrics.STARTS).tag("worker", "tenants").counter()).isNull();
		});
	}

	@Test
	void metricsPerKeyTagsTagTheWorkersOfEveryTableWithTheirOwnNames() {
		this.contextRunner.withPropertyValues("supervisor.metrics.per-key-tags=true").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "tenants-acme").counter().count()).isEqualTo(1.0);
				assertThat(registry.get(SupervisorMetrics.STARTS).tag("worker", "tenants-globex").counter().count()).isEqualTo(1.0);
			});
			assertThat(registry.find(SupervisorMetrics.STARTS).tag("worker", "tenants").counter()).isNull();
		});
	}

	@Test
	void switchedOffWithTheOtherSupervisorMeters() {
		this.contextRunner.withPropertyValues("supervisor.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WorkerTableMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find(WorkerTableMetrics.KEYS).gauges()).isEmpty();
		});
	}

	private static double refreshes(MeterRegistry registry, String outcome) {
		return registry.get(WorkerTableMetrics.REFRESHES)
			.tags("table", "tenants", "outcome", outcome)
			.functionCounter()
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class TenantsConfiguration {

		final AtomicBoolean failing = new AtomicBoolean();

		final List<String> keys = new CopyOnWriteArrayList<>(List.of("acme", "globex"));

		@Bean
		WorkerTable<String> tenants() {
			return WorkerTable.builder("tenants", () -> {
				if (this.failing.get()) {
					throw new IllegalStateException("database unavailable");
				}
				return this.keys;
			}, (String key) -> (context) -> new CountDownLatch(1).await()).refresh(Duration.ofHours(1)).build();
		}

	}

}
