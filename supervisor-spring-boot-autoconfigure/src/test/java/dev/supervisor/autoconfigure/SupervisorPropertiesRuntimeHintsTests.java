package dev.supervisor.autoconfigure;

import java.lang.reflect.RecordComponent;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records of {@link SupervisorProperties} can be bound in a native image: Spring Boot's
 * binding hints reach the worker settings of a process and a table, whose component is bound
 * from their own keys, and a worker's settings can be read setting by setting.
 */
class SupervisorPropertiesRuntimeHintsTests {

	@Test
	void bindingHintsReachTheWorkerSettingsOfDefaultsProcessesAndTables() {
		RuntimeHints hints = new RuntimeHints();
		BindableRuntimeHintsRegistrar.forTypes(SupervisorProperties.class).registerHints(hints);
		for (Class<?> type : new Class<?>[] { SupervisorProperties.class, SupervisorProperties.Cluster.class,
				ProcessProperties.class, TableProperties.class, WorkerProperties.class, WorkerProperties.Backoff.class,
				GroupProperties.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.as(type.getName())
				.accepts(hints);
		}
	}

	@Test
	void everySettingOfAWorkerCanBeReadThroughItsAccessor() {
		RuntimeHints hints = new RuntimeHints();
		new WorkerSettingsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { WorkerProperties.class, WorkerProperties.Backoff.class }) {
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as(component.toString())
					.accepts(hints);
			}
		}
	}

}
