package dev.supervisor.core.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.internal.Names;

/**
 * Immutable description of an OS process to supervise: what to run, where, with which
 * environment, and how to stop it. Built once with {@link #builder(String, String...)} and
 * validated eagerly. How it is restarted is the {@link WorkerSpec}'s job, see
 * {@link ProcessWorker#workerSpec()}.
 * <p>
 * The command is run directly, never through a shell: write {@code sh -c "..."} as the
 * command to get one. A program named without a {@code /} is looked up on the {@code PATH}
 * the process itself sees. The environment is the JVM's own (all of it, or with
 * {@link #inheritEnvironment()} {@code false} only the variables listed in
 * {@link #passEnvironment()}) plus {@link #environment()}, whose entries win.
 * <p>
 * Arguments and environment values may be secrets: messages and {@link #toString()} name only
 * the program, the number of arguments and the environment's keys.
 * <p>
 * Built-in defaults, the one place they are written:
 * <table>
 * <caption>Defaults</caption>
 * <tr><td>workingDirectory</td><td>none: the JVM's working directory</td></tr>
 * <tr><td>environment</td><td>empty: the JVM's environment unchanged</td></tr>
 * <tr><td>inheritEnvironment</td><td>true: the process sees the JVM's whole environment</td></tr>
 * <tr><td>passEnvironment</td><td>empty: with inheritEnvironment false, no variable of the JVM</td></tr>
 * <tr><td>stopTimeout</td><td>10 seconds between SIGTERM and SIGKILL</td></tr>
 * <tr><td>successExitCodes</td><td>[0]</td></tr>
 * <tr><td>outputLines</td><td>200</td></tr>
 * </table>
 */
public final class ProcessSpec {

	/** The most output lines a process may keep; bounds the memory of its ring buffer. */
	public static final int MAX_OUTPUT_LINES = 10_000;

	/** The highest exit code a process can report on Unix. */
	private static final int MAX_EXIT_CODE = 255;

	private final String name;

	private final List<String> command;

	private final Path workingDirectory;

	private final Map<String, String> environment;

	private final boolean inheritEnvironment;

	private final Set<String> passEnvironment;

	private final Duration stopTimeout;

	private final Set<Integer> successExitCodes;

	private final int outputLines;

	private ProcessSpec(Builder builder) {
		this.name = builder.name;
		this.command = List.copyOf(builder.command);
		this.workingDirectory = builder.workingDirectory;
		this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(builder.environment));
		this.inheritEnvironment = builder.inheritEnvironment;
		this.passEnvironment = Collections.unmodifiableSet(new LinkedHashSet<>(builder.passEnvironment));
		this.stopTimeout = builder.stopTimeout;
		this.successExitCodes = Collections.unmodifiableSet(new TreeSet<>(builder.successExitCodes));
		this.outputLines = builder.outputLines;
	}

	/**
	 * Start describing a process.
	 * @param name the unique name, as for {@link WorkerSpec#builder}; it names the logger
	 * {@code supervisor.process.<name>} and the output threads
	 * @param command the program and its arguments
	 * @return a builder holding the built-in defaults
	 */
	public static Builder builder(String name, String... command) {
		return new Builder(name, (command != null) ? Arrays.asList(command) : null);
	}

	/**
	 * Start describing a process.
	 * @param name the unique name, as for {@link WorkerSpec#builder}
	 * @param command the program and its arguments
	 * @return a builder holding the built-in defaults
	 */
	public static Builder builder(String name, List<String> command) {
		return new Builder(name, command);
	}

	/**
	 * A builder holding this spec's values, to derive a changed copy.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this.name, this.command).workingDirectory(this.workingDirectory)
			.environment(this.environment)
			.inheritEnvironment(this.inheritEnvironment)
			.passEnvironment(this.passEnvironment)
			.stopTimeout(this.stopTimeout)
			.successExitCodes(this.successExitCodes)
			.outputLines(this.outputLines);
	}

	public String name() {
		return this.name;
	}

	/**
	 * The program and its arguments, run without a shell. The arguments may be secrets: show
	 * them only where configuration values may be shown.
	 * @return the command, never empty
	 */
	public List<String> command() {
		return this.command;
	}

	/**
	 * The program: the first element of the command, the one part of it that messages show.
	 * @return the program, a name looked up on the process's {@code PATH} or a path
	 */
	public String program() {
		return this.command.get(0);
	}

	/**
	 * Check now that the program will be found when the process starts, as the process worker
	 * looks for it: a path holding a {@code /} (relative to the working directory) must be an
	 * executable file; a name must be one in a directory of the {@code PATH} the process will
	 * see, its environment's own or else the JVM's.
	 * @throws InvalidSettingException for the setting {@code command[0]}, naming the program and
	 * whose {@code PATH} was searched, never the {@code PATH} itself or the arguments
	 */
	public void requireProgram() {
		ProgramLookup.require(this);
	}

	/**
	 * The directory the process starts in.
	 * @return the directory, or {@code null} for the JVM's working directory
	 */
	public Path workingDirectory() {
		return this.workingDirectory;
	}

	/**
	 * Variables added to the JVM's environment for the process, replacing any of the same name.
	 * The values may be secrets: show only the keys.
	 * @return the variables, in the order given
	 */
	public Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * Whether the process sees the JVM's whole environment; when {@code false} it sees only
	 * the variables named in {@link #passEnvironment()} and those of {@link #environment()}.
	 * @return whether the JVM's environment is inherited
	 */
	public boolean inheritEnvironment() {
		return this.inheritEnvironment;
	}

	/**
	 * The names of the JVM's environment variables a process that does not
	 * {@link #inheritEnvironment() inherit the environment} still sees, such as {@code PATH}
	 * and {@code LANG}; a name the JVM does not have is left out.
	 * @return the names, in the order given; empty when the environment is inherited
	 */
	public Set<String> passEnvironment() {
		return this.passEnvironment;
	}

	/**
	 * How long a stop waits after SIGTERM before it sends SIGKILL to whatever is left of the
	 * process tree.
	 * @return the timeout, zero or more
	 */
	public Duration stopTimeout() {
		return this.stopTimeout;
	}

	/**
	 * The exit codes that end a run as completed; any other ends it as failed.
	 * @return the codes, sorted, never empty
	 */
	public Set<Integer> successExitCodes() {
		return this.successExitCodes;
	}

	/**
	 * How many recent lines of output, both streams together, the process keeps.
	 * @return the size of the ring buffer, from 0 to {@link #MAX_OUTPUT_LINES}
	 */
	public int outputLines() {
		return this.outputLines;
	}

	/**
	 * A description with the program, the number of arguments and the environment's keys, but
	 * never an argument or an environment value.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "ProcessSpec[name=" + this.name + ", program=" + program() + ", arguments=" + (this.command.size() - 1)
				+ ", workingDirectory=" + this.workingDirectory + ", environment=" + this.environment.keySet()
				+ ", inheritEnvironment=" + this.inheritEnvironment + ", passEnvironment=" + this.passEnvironment
				+ ", stopTimeout=" + this.stopTimeout + ", successExitCodes=" + this.successExitCodes
				+ ", outputLines=" + this.outputLines + "]";
	}

	/**
	 * Builds a {@link ProcessSpec}; {@link #build()} validates every value.
	 */
	public static final class Builder {

		private final String name;

		private final List<String> command;

		private Path workingDirectory;

		private final Map<String, String> environment = new LinkedHashMap<>();

		private boolean inheritEnvironment = true;

		private Collection<String> passEnvironment = List.of();

		private Duration stopTimeout = Duration.ofSeconds(10);

		private Collection<Integer> successExitCodes = List.of(0);

		private int outputLines = 200;

		private Builder(String name, List<String> command) {
			this.name = Names.require("process", name, WorkerSpec.NAME_PATTERN, WorkerSpec.ALLOWED_NAME);
			this.command = (command != null) ? new ArrayList<>(command) : null;
		}

		/**
		 * The directory the process starts in. It is not checked here: a directory that does
		 * not exist when the process starts makes that run fail.
		 * @param workingDirectory the directory, or {@code null} for the JVM's own
		 * @return this builder
		 */
		public Builder workingDirectory(Path workingDirectory) {
			this.workingDirectory = workingDirectory;
			return this;
		}

		/**
		 * Replace the variables added to the JVM's environment.
		 * @param environment the variables
		 * @return this builder
		 */
		public Builder environment(Map<String, String> environment) {
			this.environment.clear();
			if (environment != null) {
				this.environment.putAll(environment);
			}
			return this;
		}

		/**
		 * Add one variable to the JVM's environment, replacing one of the same name.
		 * @param key the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder environment(String key, String value) {
			this.environment.put(key, value);
			return this;
		}

		/**
		 * Whether the process sees the JVM's whole environment. A service that must not see
		 * the application's secrets sets {@code false} and names what it needs in
		 * {@link #passEnvironment(Collection)}.
		 * @param inheritEnvironment {@code false} to start from an empty environment
		 * @return this builder
		 */
		public Builder inheritEnvironment(boolean inheritEnvironment) {
			this.inheritEnvironment = inheritEnvironment;
			return this;
		}

		/**
		 * The JVM's variables a process that does not inherit the environment still sees.
		 * @param names variable names, such as {@code PATH} and {@code LANG}
		 * @return this builder
		 */
		public Builder passEnvironment(Collection<String> names) {
			this.passEnvironment = (names != null) ? new ArrayList<>(names) : null;
			return this;
		}

		/**
		 * The JVM's variables a process that does not inherit the environment still sees.
		 * @param names variable names, such as {@code PATH} and {@code LANG}
		 * @return this builder
		 */
		public Builder passEnvironment(String... names) {
			return passEnvironment((names != null) ? Arrays.asList(names) : null);
		}

		public Builder stopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
			return this;
		}

		public Builder successExitCodes(Collection<Integer> successExitCodes) {
			this.successExitCodes = (successExitCodes != null) ? new ArrayList<>(successExitCodes) : null;
			return this;
		}

		public Builder successExitCodes(int... successExitCodes) {
			return successExitCodes((successExitCodes != null) ? Arrays.stream(successExitCodes).boxed().toList() : null);
		}

		public Builder outputLines(int outputLines) {
			this.outputLines = outputLines;
			return this;
		}

		/**
		 * Validate every value and build the spec.
		 * @return the spec
		 * @throws IllegalArgumentException naming the process, the field, the value and what is
		 * allowed; never showing an environment value
		 */
		public ProcessSpec build() {
			require(this.command != null && !this.command.isEmpty(), "command", this.command,
					"a program and its arguments, at least one element");
			require(!this.command.contains(null), "command", describeCommand(), "no null elements");
			require(!this.command.get(0).isBlank(), "command", describeCommand(), "a program name that is not blank");
			for (Map.Entry<String, String> entry : this.environment.entrySet()) {
				String key = entry.getKey();
				require(validVariableName(key), "environment key", (key != null) ? "'" + key + "'" : null,
						"a non-empty name without '=' or NUL");
				require(entry.getValue() != null && entry.getValue().indexOf('\0') < 0,
						"environment value of " + key, "(hidden)", "a value without NUL, not null");
			}
			require(this.passEnvironment != null && this.passEnvironment.stream().allMatch(Builder::validVariableName),
					"passEnvironment", this.passEnvironment, "names of variables, none empty or holding '=' or NUL");
			require(!this.inheritEnvironment || this.passEnvironment.isEmpty(), "passEnvironment", this.passEnvironment,
					"no names while inheritEnvironment is true, which passes every variable; "
							+ "set inheritEnvironment to false to pass only these");
			String program = this.command.get(0);
			require(this.inheritEnvironment || program.indexOf('/') >= 0 || this.environment.containsKey("PATH")
					|| this.passEnvironment.contains("PATH"), "command[0]", "'" + program + "'",
					"a program path containing '/', since with inheritEnvironment false the process has no PATH to "
							+ "find it on; or add PATH to passEnvironment or environment");
			require(this.stopTimeout != null && !this.stopTimeout.isNegative(), "stopTimeout", this.stopTimeout,
					"zero or more");
			require(this.successExitCodes != null && !this.successExitCodes.isEmpty(), "successExitCodes",
					this.successExitCodes, "at least one exit code");
			for (Integer code : this.successExitCodes) {
				require(code != null && code >= 0 && code <= MAX_EXIT_CODE, "successExitCodes",
						this.successExitCodes, "exit codes from 0 to " + MAX_EXIT_CODE);
			}
			require(this.outputLines >= 0 && this.outputLines <= MAX_OUTPUT_LINES, "outputLines", this.outputLines,
					"0 to " + MAX_OUTPUT_LINES);
			return new ProcessSpec(this);
		}

		/** The program and how many arguments follow it: arguments may be secrets. */
		private String describeCommand() {
			int arguments = this.command.size() - 1;
			String program = (this.command.get(0) != null) ? "'" + this.command.get(0) + "'" : "null";
			return "program " + program + " with " + arguments + ((arguments == 1) ? " argument" : " arguments")
					+ " (not shown)";
		}

		private static boolean validVariableName(String name) {
			return name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0;
		}

		private void require(boolean valid, String field, Object value, String allowed) {
			if (!valid) {
				throw new InvalidSettingException(field, value,
						"Invalid " + field + " for process '" + this.name + "': " + value + " (allowed: " + allowed + ")");
			}
		}

	}

}
