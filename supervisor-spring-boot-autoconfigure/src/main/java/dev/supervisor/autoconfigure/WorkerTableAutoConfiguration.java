package dev.supervisor.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.WorkerTable;
import dev.supervisor.spring.table.WorkerTableRegistrar;

/**
 * Auto-configuration of worker tables: every {@link WorkerTable} bean is supervised, one worker
 * per key, configured by {@code supervisor.tables.<name>.*}.
 */
@AutoConfiguration(after = SupervisorAutoConfiguration.class)
@ConditionalOnBean({ Supervisor.class, SupervisorProperties.class })
public final class WorkerTableAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkerTableRegistrar supervisorWorkerTableRegistrar(Supervisor supervisor, SupervisorProperties properties,
			ObjectProvider<WorkerTable<?>> tables) {
		return new WorkerTableRegistrar(supervisor, properties, tables);
	}

}
