package dev.supervisor.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Looks at processes from outside, independently of the code under test.
 */
final class Pids {

	private Pids() {
	}

	/**
	 * Whether a process may still run code. A zombie (exited, not reaped yet, as under an init
	 * that does not reap orphans) does not.
	 */
	static boolean isRunning(long pid) {
		return ProcessHandle.of(pid).map(Pids::isRunning).orElse(false);
	}

	/**
	 * Whether the very process of a handle taken earlier may still run code: its pid may since
	 * belong to another process (pids wrap around on a busy machine), which does not count.
	 */
	static boolean isRunning(ProcessHandle process) {
		// A handle remembers its process's start time: after a pid's reuse it is not alive.
		if (!process.isAlive()) {
			return false;
		}
		long pid = process.pid();
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException ex) {
			return process.isAlive();
		}
	}

	static List<Long> descendants(long pid) {
		return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
	}

	/** Send a signal the way an operator would, with the {@code kill} command. */
	static void kill(String signal, long pid) throws IOException, InterruptedException {
		int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + exit);
		}
	}

}
