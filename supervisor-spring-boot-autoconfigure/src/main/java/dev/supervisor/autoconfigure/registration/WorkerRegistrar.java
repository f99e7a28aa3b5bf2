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
import dev.supervisor.autoconfigure.process.ProcessWorkerDefinitions;
import dev.supervisor.core.DuplicateWorkerException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerSpec;

/**
 * Once every singleton exists, attaches the {@link SupervisorListener} beans to the
 * {@link Supervisor} and registers every worker that the {@link WorkerDefinitionSource} beans
 * found, then every OS process of {@code supervisor.processes}. Workers start later, with the
 * application's lifecycle.
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

	private final ProcessWorkerDefinitions processes;

	public WorkerRegistrar(Supervisor supervisor, SupervisorProperties properties,
			ObjectProvider<WorkerDefinitionSource> sources, ObjectProvider<SupervisorListener> listeners) {
		this.supervisor = supervisor;
		this.properties = properties;
		this.sources = sources;
		this.listeners = listeners;
		this.specFactory = new WorkerSpecFactory(properties);
		this.processes = new ProcessWorkerDefinitions(properties);
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
		for (WorkerDefinition process : this.processes.getWorkerDefinitions()) {
			add(process, this.specFactory.create(process, this.processes.overrides(process.name()),
					ProcessWorkerDefinitions.prefix(process.name())));
		}
		warnAboutUnmatchedProperties(known);
	}

	private void register(WorkerDefinition definition) {
		SupervisorProperties.Worker overrides = this.properties.getWorkers().get(definition.name());
		if (overrides != null && !overrides.isEnabled()) {
			logger.info("Worker '" + definition.name() + "' declared by " + definition.description()
					+ " is disabled by " + SupervisorProperties.workerKey(definition.name()) + ".enabled=false");
			return;
		}
		add(definition, this.specFactory.create(definition));
	}

	private void add(WorkerDefinition definition, WorkerSpec spec) {
		try {
			this.supervisor.add(spec);
		}
		catch (DuplicateWorkerException ex) {
			throw new IllegalStateException("Cannot register worker '" + definition.name() + "' declared by "
					+ definition.description() + ": " + ex.getMessage(), ex);
		}
	}

	private void warnAboutUnmatchedProperties(Set<String> known) {
		for (String name : this.properties.getWorkers().keySet()) {
			if (!known.contains(name) && !this.supervisor.contains(name)) {
				logger.warn("Property '" + SupervisorProperties.workerKey(name) + "' matches no supervised worker; known workers: "
						+ known.stream().sorted().toList()
						+ " (a name with dots needs brackets: supervisor.workers[bean.method].restart)");
			}
		}
	}

}
