package dev.supervisor.spring.table;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.TableProperties;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.WorkerTable;

/**
 * Once every singleton exists, adds every {@link WorkerTable} bean to the {@link Supervisor},
 * configured by {@code supervisor.tables.<name>.*} and {@code supervisor.defaults.*}. Tables are
 * read for the first time when the supervisor starts, with the application's lifecycle.
 * <p>
 * {@code supervisor.tables.<name>.enabled=false} leaves a table out; an entry that matches no
 * table is logged as a warning.
 */
public final class WorkerTableRegistrar implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WorkerTableRegistrar.class);

	private final Supervisor supervisor;

	private final SupervisorProperties properties;

	private final ObjectProvider<WorkerTable<?>> tables;

	private final WorkerTableConfigurer configurer;

	public WorkerTableRegistrar(Supervisor supervisor, SupervisorProperties properties,
			ObjectProvider<WorkerTable<?>> tables) {
		this.supervisor = supervisor;
		this.properties = properties;
		this.tables = tables;
		this.configurer = new WorkerTableConfigurer(properties);
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> known = new LinkedHashSet<>();
		this.tables.orderedStream().forEach((table) -> {
			known.add(table.name());
			register(table);
		});
		for (String name : this.properties.tables().keySet()) {
			if (!known.contains(name)) {
				logger.warn("Property '" + SupervisorProperties.tableKey(name)
						+ "' matches no worker table; known tables: " + known.stream().sorted().toList());
			}
		}
	}

	private void register(WorkerTable<?> table) {
		TableProperties overrides = this.properties.tables().get(table.name());
		if (overrides != null && Boolean.FALSE.equals(overrides.worker().enabled())) {
			logger.info("Worker table '" + table.name() + "' is disabled by "
					+ SupervisorProperties.tableKey(table.name()) + ".enabled=false");
			return;
		}
		try {
			this.supervisor.addTable(this.configurer.configure(table, overrides));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot register worker table '" + table.name() + "': " + ex.getMessage(),
					ex);
		}
	}

}
