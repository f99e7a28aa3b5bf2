package dev.supervisor.core.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.InvalidSettingException;

/**
 * Finds a program named without a {@code /} on the {@code PATH} the process will see, as a
 * shell would. The JDK looks programs up on the JVM's own {@code PATH}, so a process given
 * another one (in its environment) would otherwise run a different program, or none.
 */
final class ProgramLookup {

	private ProgramLookup() {
	}

	/**
	 * The command to hand to the operating system: the spec's own, or with the program
	 * replaced by the file found on the process's {@code PATH} when that differs from the JVM's.
	 * @param spec the process
	 * @param environment the environment the process will see
	 * @return the command to start
	 * @throws ProcessStartException if the process's {@code PATH} holds no executable file of
	 * that name; the message never shows the {@code PATH} itself, an environment value
	 */
	static List<String> command(ProcessSpec spec, Map<String, String> environment) throws ProcessStartException {
		String program = spec.program();
		String path = environment.get("PATH");
		if (program.indexOf('/') >= 0 || path == null || path.equals(System.getenv("PATH"))) {
			return spec.command();
		}
		Path found = find(spec, path);
		if (found != null) {
			List<String> command = new ArrayList<>(spec.command());
			command.set(0, found.toAbsolutePath().toString());
			return command;
		}
		throw new ProcessStartException("Process '" + spec.name() + "' could not start program '" + program
				+ "': no executable file of that name in any directory of the process's PATH (set by its environment)",
				null);
	}

	/**
	 * Fail unless the program is found as {@link #command} and the JDK will look for it.
	 * @param spec the process
	 * @throws InvalidSettingException for the setting {@code command[0]}
	 */
	static void require(ProcessSpec spec) {
		String program = spec.program();
		if (program.indexOf('/') >= 0) {
			Path path = base(spec).resolve(program);
			if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
				throw new InvalidSettingException("command[0]", program, Files.exists(path)
						? "The program " + path + " is not an executable file" : "The program " + path + " does not exist");
			}
			return;
		}
		String own = spec.environment().get("PATH");
		String path = (own != null) ? own : System.getenv("PATH");
		if (path == null || find(spec, path) == null) {
			throw new InvalidSettingException("command[0]", program, "No executable program '" + program
					+ "' was found on " + ((own != null) ? "its environment.PATH" : "the application's PATH")
					+ "; install it, or give its absolute path");
		}
	}

	private static @Nullable Path find(ProcessSpec spec, String path) {
		for (String directory : path.split(File.pathSeparator, -1)) {
			// An empty entry is the working directory, as in a shell.
			Path candidate = base(spec).resolve(directory.isEmpty() ? "." : directory).resolve(spec.program());
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static Path base(ProcessSpec spec) {
		return (spec.workingDirectory() != null) ? spec.workingDirectory() : Path.of("");
	}

}
