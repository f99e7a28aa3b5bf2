package dev.supervisor.spring.table;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.autoconfigure.WorkerTableAutoConfiguration;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.table.NoSuchTableException;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerTableAutoConfiguration}: {@link WorkerTable} beans are supervised and
 * configured by {@code supervisor.tables.<name>.*}.
 */
class WorkerTableAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SupervisorAutoConfiguration.class, WorkerTableAutoConfiguration.class));

	@Test
	void everyWorkerTableBeanIsSupervisedWithAWorkerPerKey() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WorkerTableRegistrar.class);
			Supervisor supervisor = context.getBean(Supervisor.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.RUNNING);
				assertThat(supervisor.status("tenants-globex").state()).isEqualTo(WorkerState.RUNNING);
			});
			assertThat(supervisor.tableStatus("tenants").keys()).containsExactly("acme", "globex");
		});
	}

	@Test
	void tablePropertiesOverrideTheTableSettingsWhichOverrideTheDefaults() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.defaults.max-restarts=7", "supervisor.defaults.healthy-after=45s",
					"supervisor.tables.tenants.critical=false", "supervisor.tables.tenants.backoff.multiplier=3",
					"supervisor.tables.tenants.refresh=5s", "supervisor.tables.tenants.read-timeout=2s")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(supervisor.contains("tenants-acme")).isTrue());
				WorkerSpec spec = supervisor.status("tenants-acme").spec();
				assertThat(spec.maxRestarts()).as("from supervisor.defaults").isEqualTo(7);
				assertThat(spec.healthyAfter()).as("from the table, over the defaults").isEqualTo(Duration.ofSeconds(20));
				assertThat(spec.restart()).as("from the table").isEqualTo(RestartPolicy.ALWAYS);
				assertThat(spec.critical()).as("from the table's properties").isFalse();
				assertThat(spec.backoff()).as("multiplier from the properties, the rest from the table")
					.isEqualTo(Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(30), 3.0, 0.0));
				WorkerTable<?> table = supervisor.tableStatus("tenants").table();
				assertThat(table.refresh()).isEqualTo(Duration.ofSeconds(5));
				assertThat(table.readTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(table.critical()).isFalse();
			});
	}

	@Test
	void aDisabledTableIsNotSupervised() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.tables.tenants.enabled=false")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				assertThat(supervisor.tableStatuses()).isEmpty();
				assertThatExceptionOfType(NoSuchTableException.class).isThrownBy(() -> supervisor.tableStatus("tenants"));
			});
	}

	@Test
	void aRefreshThatIsNotPositiveFailsStartUpNamingTheProperty() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.tables.tenants.refresh=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("supervisor.tables.tenants.refresh")
					.hasMessageContaining("a duration greater than zero");
			});
	}

	@Test
	void aTablePropertyThatContradictsTheTableSettingsFailsStartUpNamingTheProperty() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.tables.tenants.backoff.max=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("supervisor.tables.tenants.backoff.max")
					.hasMessageContaining("1s")
					.hasMessageContaining("it conflicts with worker table 'tenants' (its own settings");
			});
	}

	@Test
	void singletonOnATableMakesEveryKeyASingletonAndMaxPerInstanceCapsThem() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.cluster.mode=local", "supervisor.tables.tenants.singleton=true",
					"supervisor.tables.tenants.max-per-instance=1")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(supervisor.contains("tenants-globex")).isTrue());
				assertThat(supervisor.status("tenants-acme").spec().singleton()).isTrue();
				assertThat(supervisor.status("tenants-globex").spec().singleton()).isTrue();
				WorkerTable<?> table = supervisor.tableStatus("tenants").table();
				assertThat(table.singleton()).isTrue();
				assertThat(table.maxPerInstance()).hasValue(1);
			});
	}

	@Test
	void singletonInTheDefaultsDoesNotMakeATablesKeysSingletons() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.cluster.mode=local", "supervisor.defaults.singleton=true")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(supervisor.contains("tenants-acme")).isTrue());
				assertThat(supervisor.status("tenants-acme").spec().singleton()).isFalse();
				assertThat(supervisor.tableStatus("tenants").table().singleton()).isFalse();
			});
	}

	@Test
	void aMaxPerInstanceBelowOneFailsStartUpNamingThePropertyAndWhatIsAllowed() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.tables.tenants.singleton=true", "supervisor.tables.tenants.max-per-instance=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessage("Property supervisor.tables.tenants.max-per-instance with value '0' is invalid: "
							+ "at least 1 is required: the number of the table's keys one instance leads at most");
			});
	}

	@Test
	void aMaxPerInstanceOnATableWhoseKeysAreNotSingletonsFailsStartUp() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class)
			.withPropertyValues("supervisor.tables.tenants.max-per-instance=5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("supervisor.tables.tenants.max-per-instance")
					.hasMessageContaining("'5'")
					.hasMessageContaining("set supervisor.tables.tenants.singleton=true, or remove the cap");
			});
	}

	@Test
	void turningOffSingletonUnderACapWrittenInCodeFailsStartUpNamingTheProperty() {
		this.contextRunner.withUserConfiguration(CappedTenantsConfiguration.class)
			.withPropertyValues("supervisor.tables.tenants.singleton=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("supervisor.tables.tenants.singleton")
					.hasMessageContaining("caps the keys one instance leads at 4 in code");
			});
	}

	@Test
	void twoTablesOfTheSameNameFailStartUp() {
		this.contextRunner.withUserConfiguration(TenantsConfiguration.class, SecondTenantsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().hasMessageContaining("Worker table 'tenants' is already registered");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TenantsConfiguration {

		@Bean
		List<String> tenantKeys() {
			return new CopyOnWriteArrayList<>(List.of("acme", "globex"));
		}

		@Bean
		WorkerTable<String> tenants(List<String> tenantKeys) {
			return WorkerTable.builder("tenants", () -> tenantKeys, (String key) -> untilStopped())
				.settings((spec) -> spec.restart(RestartPolicy.ALWAYS)
					.healthyAfter(Duration.ofSeconds(20))
					.backoff(Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(30), 2.0, 0.0)))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CappedTenantsConfiguration {

		@Bean
		WorkerTable<String> tenants() {
			return WorkerTable.builder("tenants", () -> List.of("acme"), (String key) -> untilStopped())
				.settings((spec) -> spec.singleton(true))
				.maxPerInstance(4)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondTenantsConfiguration {

		@Bean
		WorkerTable<String> moreTenants() {
			return WorkerTable.builder("tenants", List::<String>of, (String key) -> untilStopped()).build();
		}

	}

	static Worker untilStopped() {
		return (context) -> new CountDownLatch(1).await();
	}

}
