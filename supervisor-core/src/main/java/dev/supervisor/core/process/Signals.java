package dev.supervisor.core.process;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decodes how a process ended. The JVM reports a process killed by signal {@code n} as exit
 * code {@code 128 + n}, as POSIX shells do; it cannot be told apart from a process that chose
 * to exit with that code.
 */
final class Signals {

	/** The highest signal number on Linux (SIGRTMAX). */
	private static final int MAX_SIGNAL = 64;

	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
			Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"),
			Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"),
			Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"), Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"),
			Map.entry(15, "SIGTERM"));

	private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

	private Signals() {
	}

	/**
	 * The signal that killed a process, read from its exit code.
	 * @param exitCode the exit code the JVM reported
	 * @return the signal number, or {@code null} if the exit code does not mean a signal
	 */
	static @Nullable Integer fromExitCode(int exitCode) {
		if (WINDOWS || exitCode <= 128 || exitCode > 128 + MAX_SIGNAL) {
			return null;
		}
		return exitCode - 128;
	}

	/**
	 * A signal's name, such as {@code SIGKILL}, with the Linux numbering.
	 * @param signal the number
	 * @return the name, or {@code signal <n>} for one without a well-known name
	 */
	static String name(int signal) {
		return NAMES.getOrDefault(signal, "signal " + signal);
	}

}
