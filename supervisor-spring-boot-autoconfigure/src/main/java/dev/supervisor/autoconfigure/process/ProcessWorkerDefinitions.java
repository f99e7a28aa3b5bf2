package dev.supervisor.autoconfigure.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.registration.WorkerDefinition;
import dev.supervisor.autoconfigure.registration.WorkerSettings;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Turns each {@code supervisor.processes.<name>} entry into the definition of a
 * {@link ProcessWorker}. Restart settings of a process come from its own entry, then from
 * {@code supervisor.defaults}, so {@link #overrides(String)} tells the registrar where to look.
 */
public final class ProcessWorkerDefinitions {

	private static final Log logger = LogFactory.getLog(ProcessWorkerDefinitions.class);

	private final SupervisorProperties properties;

	public ProcessWorkerDefinitions(SupervisorProperties properties) {
		this.properties = properties;
	}

	/**
	 * The definitions of every enabled process, in the order they were configured.
	 * @return the definitions
	 */
	public List<WorkerDefinition> getWorkerDefinitions() {
		List<WorkerDefinition> definitions = new ArrayList<>();
		for (Map.Entry<String, SupervisorProperties.Process> entry : this.properties.getProcesses().entrySet()) {
			String name = entry.getKey();
			SupervisorProperties.Process process = entry.getValue();
			if (!process.isEnabled()) {
				logger.info("Process '" + name + "' is disabled by " + prefix(name) + ".enabled=false");
				continue;
			}
			definitions.add(new WorkerDefinition(name, new ProcessWorker(toSpec(name, process)), WorkerSettings.NONE,
					"property '" + prefix(name) + "'"));
		}
		return definitions;
	}

	/**
	 * The properties that override the restart settings of a process.
	 * @param name the process name
	 * @return its entry
	 */
	public SupervisorProperties.Process overrides(String name) {
		return this.properties.getProcesses().get(name);
	}

	/**
	 * The key of a process's entry, for messages.
	 * @param name the process name
	 * @return such as {@code supervisor.processes.redis}
	 */
	public static String prefix(String name) {
		return SupervisorProperties.processKey(name);
	}

	private static ProcessSpec toSpec(String name, SupervisorProperties.Process process) {
		ProcessSpec.Builder builder = ProcessSpec.builder(name, process.getCommand())
			.environment(process.getEnvironment())
			.stopTimeout(process.getStopTimeout())
			.successExitCodes(process.getSuccessExitCodes())
			.outputLines(process.getOutputLines());
		if (process.getWorkingDirectory() != null) {
			builder.workingDirectory(process.getWorkingDirectory().toPath());
		}
		return builder.build();
	}

}
