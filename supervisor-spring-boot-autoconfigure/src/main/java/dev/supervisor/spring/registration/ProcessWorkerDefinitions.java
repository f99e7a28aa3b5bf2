package dev.supervisor.spring.registration;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.ProcessProperties;
import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Turns each {@code supervisor.processes.<name>} entry into the definition of a
 * {@link ProcessWorker}. The process settings are validated by {@link ProcessSpec}'s builder,
 * which reports a refused value by its key; the program must exist and be executable, so that a
 * typo fails start-up rather than every run. A program named without a path is looked up on the
 * {@code PATH} the process will see, as the process worker does. Restart settings are merged with
 * {@code supervisor.defaults} like any worker's.
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
		if (process.isInheritEnvironment() && !process.getPassEnvironment().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(key + ".pass-environment", process.getPassEnvironment(),
					"pass-environment applies only with " + key + ".inherit-environment=false: with true, every "
							+ "variable of the application is passed already");
		}
		checkProgram(key, command.get(0), directory, searchPath(process));
		try {
			return ProcessSpec.builder(name, command)
				.workingDirectory((directory != null) ? directory.toPath() : null)
				.environment(process.getEnvironment())
				.inheritEnvironment(process.isInheritEnvironment())
				.passEnvironment(process.getPassEnvironment())
				.stopTimeout(process.getStopTimeout())
				.successExitCodes(process.getSuccessExitCodes())
				.outputLines(process.getOutputLines())
				.build();
		}
		catch (InvalidSettingException ex) {
			throw WorkerSpecFactory.invalid(key, ex);
		}
	}

	/**
	 * The {@code PATH} the process will see, and whose it is: its own {@code environment.PATH},
	 * else the application's when inherited or passed, else none.
	 */
	private static @Nullable SearchPath searchPath(ProcessProperties process) {
		String own = process.getEnvironment().get("PATH");
		if (own != null) {
			return new SearchPath(own, "its environment.PATH");
		}
		if (process.isInheritEnvironment() || process.getPassEnvironment().contains("PATH")) {
			String application = System.getenv("PATH");
			return (application != null) ? new SearchPath(application, "the application's PATH") : null;
		}
		return null;
	}

	/**
	 * Fail unless the program is found as the process worker will look for it: a path (relative
	 * to the working directory) or a name on the {@code PATH} the process sees.
	 */
	private static void checkProgram(String key, String program, @Nullable File directory,
			@Nullable SearchPath searchPath) {
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
		if (searchPath == null) {
			throw new InvalidConfigurationPropertyValueException(key + ".command[0]", program, "The program '"
					+ program + "' is named without a path, but with " + key
					+ ".inherit-environment=false the process has no PATH to find it on; give its absolute path, "
					+ "or add PATH to pass-environment or environment");
		}
		for (String entry : searchPath.value().split(File.pathSeparator, -1)) {
			Path base = (directory != null) ? directory.toPath() : Path.of("");
			Path candidate = base.resolve(entry.isEmpty() ? "." : entry).resolve(program);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return;
			}
		}
		throw new InvalidConfigurationPropertyValueException(key + ".command[0]", program, "No executable program '"
				+ program + "' was found on " + searchPath.owner() + "; install it, or give its absolute path");
	}

	/**
	 * A {@code PATH} value and, for messages, whose it is; the value itself is never shown.
	 */
	private record SearchPath(String value, String owner) {
	}

}
