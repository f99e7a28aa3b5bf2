package dev.supervisor.spring.registration;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.ProcessProperties;
import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Turns each {@code supervisor.processes.<name>} entry into the definition of a
 * {@link ProcessWorker}. The process settings are validated by {@link ProcessSpec}'s builder,
 * which reports a refused value by its key; the program must be found as the process worker will
 * look for it ({@link ProcessSpec#requireProgram()}), so that a typo fails start-up rather than
 * every run. Restart settings are merged with {@code supervisor.defaults} like any worker's.
 */
public final class ProcessWorkerDefinitions {

	private final SupervisorProperties properties;

	public ProcessWorkerDefinitions(SupervisorProperties properties) {
		this.properties = properties;
	}

	/**
	 * The definitions of every process, in the order they were configured.
	 * @return the definitions
	 * @throws InvalidConfigurationPropertyValueException if a process setting is refused
	 */
	public List<WorkerDefinition> getWorkerDefinitions() {
		List<WorkerDefinition> definitions = new ArrayList<>();
		for (Map.Entry<String, ProcessProperties> entry : this.properties.getProcesses().entrySet()) {
			String name = entry.getKey();
			definitions.add(new WorkerDefinition(name, new ProcessWorker(toSpec(name, entry.getValue())),
					new WorkerProperties(), "property '" + SupervisorProperties.processKey(name) + "'"));
		}
		return definitions;
	}

	private static ProcessSpec toSpec(String name, ProcessProperties process) {
		String key = SupervisorProperties.processKey(name);
		List<String> command = process.getCommand();
		if (command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
			throw new InvalidConfigurationPropertyValueException(key + ".command", "",
					"A process needs a command: a list holding the program, then its arguments, such as [redis-server, --port, \"6380\"]");
		}
		File directory = process.getWorkingDirectory();
		if (directory != null && !directory.isDirectory()) {
			throw new InvalidConfigurationPropertyValueException(key + ".working-directory", directory,
					"The working directory of a process must be an existing directory");
		}
		if (process.isInheritEnvironment() && !process.getPassEnvironment().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(key + ".pass-environment", process.getPassEnvironment(),
					"pass-environment applies only with " + key + ".inherit-environment=false: with true, every "
							+ "variable of the application is passed already");
		}
		try {
			ProcessSpec spec = ProcessSpec.builder(name, command)
				.workingDirectory((directory != null) ? directory.toPath() : null)
				.environment(process.getEnvironment())
				.inheritEnvironment(process.isInheritEnvironment())
				.passEnvironment(process.getPassEnvironment())
				.stopTimeout(process.getStopTimeout())
				.successExitCodes(process.getSuccessExitCodes())
				.outputLines(process.getOutputLines())
				.build();
			spec.requireProgram();
			return spec;
		}
		catch (InvalidSettingException ex) {
			throw WorkerSpecFactory.invalid(key, ex);
		}
	}

}
