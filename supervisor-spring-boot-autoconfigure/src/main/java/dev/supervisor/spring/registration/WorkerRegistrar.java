package dev.supervisor.spring.registration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.DuplicateWorkerException;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Once every singleton exists, attaches the {@link SupervisorListener} beans to the
 * {@link Supervisor} and registers every worker that the {@link WorkerDefinitionSource} beans
 * found, then every OS process of {@code supervisor.processes}, then the groups of
 * {@code supervisor.groups}. Workers and groups start later, with the application's lifecycle.
 * <p>
 * Workers that a source finds later, in beans created after start-up, are registered (and
 * start, as workers added to a running supervisor do) when found, and removed with their bean.
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
		List<WorkerDefinitionSource> sources = this.sources.orderedStream().toList();
		sources.forEach((source) -> definitions.addAll(source.getWorkerDefinitions()));
		Map<String, WorkerDefinition> byName = new LinkedHashMap<>();
		definitions.forEach((definition) -> byName.putIfAbsent(definition.name(), definition));
		List<WorkerDefinition> processes = processDefinitions();
		for (WorkerDefinition worker : byName.values()) {
			if (this.properties.processes().containsKey(worker.name())) {
				throw processNamedLike(worker);
			}
		}
		Set<String> disabled = new HashSet<>();
		List<GroupRegistration.Joiner> joiners = new ArrayList<>();
		for (WorkerDefinition definition : definitions) {
			register(definition, disabled, joiners);
		}
		for (WorkerDefinition process : processes) {
			register(process, disabled, joiners);
		}
		new GroupRegistration(this.supervisor, this.properties, disabled).register(joiners);
		warnAboutUnmatchedProperties(byName.keySet());
		sources.forEach((source) -> source.subscribe(new LateWorkers()));
	}

	/**
	 * The definitions of the processes of {@code supervisor.processes}, in configuration order.
	 * @throws InvalidConfigurationPropertyValueException if a process setting is refused
	 */
	private List<WorkerDefinition> processDefinitions() {
		List<WorkerDefinition> definitions = new ArrayList<>();
		this.properties.processes().forEach((name, process) -> {
			String key = SupervisorProperties.processKey(name);
			try {
				definitions.add(new WorkerDefinition(name, new ProcessWorker(process.toSpec(name)),
						WorkerProperties.NONE, "property '" + key + "'"));
			}
			catch (InvalidSettingException ex) {
				throw WorkerSpecFactory.invalid(key, ex);
			}
		});
		return definitions;
	}

	private InvalidConfigurationPropertyValueException processNamedLike(WorkerDefinition worker) {
		String key = SupervisorProperties.processKey(worker.name());
		return new InvalidConfigurationPropertyValueException(key + ".command[0]",
				this.properties.processes().get(worker.name()).command().get(0),
				"The process declared by property '" + key + "' has the name of the worker '" + worker.name()
						+ "' declared by " + worker.description()
						+ "; workers and processes share one namespace, so rename the process or give the worker another name");
	}

	private void register(WorkerDefinition definition, Set<String> disabled, List<GroupRegistration.Joiner> joiners) {
		List<WorkerSpecFactory.Level> levels = this.specFactory.levels(definition);
		if (Boolean.FALSE.equals(WorkerSpecFactory.setting(levels, "enabled"))) {
			logger.info("Worker '" + definition.name() + "' declared by " + definition.description()
					+ " is disabled by its 'enabled' property");
			disabled.add(definition.name());
			return;
		}
		add(definition, this.specFactory.create(definition));
		WorkerSpecFactory.Level origin = WorkerSpecFactory.origin(levels, "group");
		if (origin != null && WorkerSpecFactory.setting(levels, "group") instanceof String group && !group.isBlank()) {
			joiners.add(new GroupRegistration.Joiner(definition.name(), group, origin));
		}
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

	/**
	 * Registers workers found in beans created after start-up, and removes them with their
	 * beans while the supervisor runs (when the application stops, the supervisor's shutdown
	 * has already stopped them).
	 */
	private final class LateWorkers implements WorkerDefinitionSource.Listener {

		@Override
		public void added(WorkerDefinition definition) {
			if (WorkerRegistrar.this.properties.processes().containsKey(definition.name())) {
				throw processNamedLike(definition);
			}
			List<GroupRegistration.Joiner> joiners = new ArrayList<>();
			register(definition, new HashSet<>(), joiners);
			for (GroupRegistration.Joiner joiner : joiners) {
				logger.warn("Worker '" + joiner.worker() + "' declared by " + definition.description()
						+ " names group '" + joiner.group() + "' but was created after start-up; it runs outside the group");
			}
		}

		@Override
		public void removed(String name) {
			Supervisor supervisor = WorkerRegistrar.this.supervisor;
			if (supervisor.isRunning() && supervisor.contains(name)) {
				supervisor.remove(name);
			}
		}

	}

	private void warnAboutUnmatchedProperties(Set<String> known) {
		for (String name : this.properties.workers().keySet()) {
			if (!known.contains(name) && !this.supervisor.contains(name)) {
				logger.warn("Property '" + SupervisorProperties.workerKey(name) + "' matches no supervised worker; known workers: "
						+ known.stream().sorted().toList()
						+ " (a name with dots needs brackets: supervisor.workers[bean.method].restart)");
			}
		}
	}

}
