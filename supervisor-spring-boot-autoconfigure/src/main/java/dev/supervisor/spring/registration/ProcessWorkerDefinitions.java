package dev.supervisor.spring.registration;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.ProcessProperties;
import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Turns each {@code supervisor.processes.<name>} entry into the definition of a
 * {@link ProcessWorker}. The process settings are validated by {@link ProcessSpec}'s builder,
 * one at a time so that a refused value is reported by its key; the program must exist and be
 * executable, so that a typo fails start-up rather than every run. Restart settings are merged
 * with {@code supervisor.defaults} like any worker's.
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
		if (!WorkerSpec.NAME_PATTERN.matcher(name).matches()) {
			throw new InvalidConfigurationPropertyValueException(key, name,
					"A process name is 1 to 128 letters, digits and . _ : # $ @ -, starting with a letter or digit");
		}
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
		checkProgram(key, command.get(0), directory);
		Map<String, UnaryOperator<ProcessSpec.Builder>> settings = new LinkedHashMap<>();
		settings.put("command", (builder) -> builder);
		settings.put("environment", (builder) -> builder.environment(process.getEnvironment()));
		settings.put("stop-timeout", (builder) -> builder.stopTimeout(process.getStopTimeout()));
		settings.put("success-exit-codes", (builder) -> builder.successExitCodes(process.getSuccessExitCodes()));
		settings.put("output-lines", (builder) -> builder.outputLines(process.getOutputLines()));
		ProcessSpec.Builder all = ProcessSpec.builder(name, command);
		for (Map.Entry<String, UnaryOperator<ProcessSpec.Builder>> setting : settings.entrySet()) {
			try {
				setting.getValue().apply(ProcessSpec.builder(name, command)).build();
			}
			catch (IllegalArgumentException ex) {
				// Arguments and environment values are configuration that may hold secrets.
				boolean hidden = setting.getKey().equals("command") || setting.getKey().equals("environment");
				throw new InvalidConfigurationPropertyValueException(key + "." + setting.getKey(),
						hidden ? "******" : valueOf(process, setting.getKey()),
						hidden ? "Invalid " + setting.getKey() + " for process '" + name + "'"
								: WorkerSpecFactory.humanize(String.valueOf(ex.getMessage())));
			}
			setting.getValue().apply(all);
		}
		if (directory != null) {
			all.workingDirectory(directory.toPath());
		}
		return all.build();
	}

	private static @Nullable Object valueOf(ProcessProperties process, String key) {
		return switch (key) {
			case "stop-timeout" -> WorkerSpecFactory.describe(process.getStopTimeout());
			case "success-exit-codes" -> process.getSuccessExitCodes();
			case "output-lines" -> process.getOutputLines();
			default -> null;
		};
	}

	/**
	 * Fail unless the program is found as the JVM will look for it: a path (relative to the
	 * working directory) or a name on the application's {@code PATH}.
	 */
	private static void checkProgram(String key, String program, @Nullable File directory) {
		if (program.contains(File.separator)) {
			Path path = Path.of(program);
			if (!path.isAbsolute() && directory != null) {
				path = directory.toPath().resolve(path);
			}
			if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
				throw new InvalidConfigurationPropertyValueException(key + ".command[0]", program,
						Files.exists(path) ? "The program " + path + " is not an executable file"
								: "The program " + path + " does not exist");
			}
			return;
		}
		String searchPath = System.getenv("PATH");
		if (searchPath != null) {
			for (String entry : searchPath.split(File.pathSeparator)) {
				Path candidate = Path.of(entry.isEmpty() ? "." : entry, program);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return;
				}
			}
		}
		throw new InvalidConfigurationPropertyValueException(key + ".command[0]", program, "No executable program '"
				+ program + "' was found on the application's PATH; install it, or give its absolute path");
	}

}
