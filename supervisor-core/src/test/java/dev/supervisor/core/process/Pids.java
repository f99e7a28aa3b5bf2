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
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		if (handle.isEmpty() || !handle.get().isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException ex) {
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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
