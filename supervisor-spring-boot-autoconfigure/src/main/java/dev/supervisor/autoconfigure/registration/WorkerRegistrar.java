package dev.supervisor.autoconfigure.registration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.core.DuplicateWorkerException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;

/**
 * Once every singleton exists, attaches the {@link SupervisorListener} beans to the
 * {@link Supervisor} and registers every worker that the {@link WorkerDefinitionSource} beans
 * found. Workers start later, with the application's lifecycle.
 * <p>
 * A {@code supervisor.workers.<name>} entry that matches no worker is logged as a warning: it
 * is usually a typo or a method worker's name written without brackets.
 */
public final class WorkerRegistrar implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WorkerRegistrar.class);

	private final Supervisor supervisor;

	private final SupervisorProperties properties;

	private final ObjectProvider<WorkerDefinitionSource> sources;

	private final ObjectProvider<SupervisorListener> listeners;

	private final WorkerSpecFactory specFactory;

	public WorkerRegistrar(Supervisor supervisor, SupervisorProperties properties,
			ObjectProvider<WorkerDefinitionSource> sources, ObjectProvider<SupervisorListener> listeners) {
		this.supervisor = supervisor;
		this.properties = properties;
		this.sources = sources;
		this.listeners = listeners;
		this.specFactory = new WorkerSpecFactory(properties);
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.listeners.orderedStream().forEach(this.supervisor::addListener);
		List<WorkerDefinition> definitions = new ArrayList<>();
		this.sources.orderedStream().forEach((source) -> definitions.addAll(source.getWorkerDefinitions()));
		Set<String> known = new LinkedHashSet<>();
		for (WorkerDefinition definition : definitions) {
			known.add(definition.name());
			register(definition);
		}
		warnAboutUnmatchedProperties(known);
	}

	private void register(WorkerDefinition definition) {
		SupervisorProperties.Worker overrides = this.properties.getWorkers().get(definition.name());
		if (overrides != null && !overrides.isEnabled()) {
			logger.info("Worker '" + definition.name() + "' declared by " + definition.description()
					+ " is disabled by supervisor.workers." + definition.name() + ".enabled=false");
			return;
		}
		try {
			this.supervisor.add(this.specFactory.create(definition));
		}
		catch (DuplicateWorkerException ex) {
			throw new IllegalStateException("Cannot register worker '" + definition.name() + "' declared by "
					+ definition.description() + ": " + ex.getMessage(), ex);
		}
	}

	private void warnAboutUnmatchedProperties(Set<String> known) {
		for (String name : this.properties.getWorkers().keySet()) {
			if (!known.contains(name) && !this.supervisor.contains(name)) {
				logger.warn("Property 'supervisor.workers." + name + "' matches no supervised worker; known workers: "
						+ known.stream().sorted().toList()
						+ " (a name with dots needs brackets: supervisor.workers[bean.method].restart)");
			}
		}
	}

}
