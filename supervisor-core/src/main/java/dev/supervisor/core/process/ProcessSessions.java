package dev.supervisor.core.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Starts each process in a session of its own and finds every process of that session again,
 * so that nothing a process forks can hide: not a background child left by a root that exited,
 * not a child forked while handling SIGTERM, not a double-forked one re-parented to init. All
 * of them keep the root's session id, which is the root's pid.
 * <p>
 * The JDK cannot call {@code setsid(2)} between fork and exec, so the command is started
 * through the {@code setsid} program (util-linux, present on every mainstream Linux): as the
 * JVM's child is never a process group leader, {@code setsid} calls {@code setsid(2)} and
 * executes the command in place, keeping its pid. Members of a session are found by reading
 * {@code /proc/<pid>/stat}. Where either is missing (macOS, Windows, a minimal image without
 * util-linux), processes are tracked as descendants of the root instead, see
 * {@link ProcessTree}.
 * <p>
 * What can still escape: a process that leaves the session itself by calling
 * {@code setsid(2)} (daemons do, after their double fork), and everything when the JVM is
 * killed with SIGKILL, since no code of it runs then.
 */
final class ProcessSessions {

	/** What {@code setsid} prints, on stderr, when it cannot execute the command. */
	static final String EXEC_FAILURE_PREFIX = "setsid: failed to execute ";

	private static final Path PROC = Path.of("/proc");

	/** The {@code setsid} program, or {@code null} if sessions are not supported here. */
	private static final @Nullable String SETSID = findSetsid();

	private ProcessSessions() {
	}

	/**
	 * Whether processes can be started in sessions of their own and found again by session.
	 * @return {@code true} on Linux with {@code /proc} and the {@code setsid} program
	 */
	static boolean supported() {
		return SETSID != null;
	}

	/**
	 * The command line that runs {@code command} as the leader of a new session.
	 * @param command the program and its arguments
	 * @return the same command started through {@code setsid}
	 */
	static List<String> inNewSession(List<String> command) {
		List<String> wrapped = new ArrayList<>(command.size() + 1);
		wrapped.add(SETSID);
		wrapped.addAll(command);
		return wrapped;
	}

	/**
	 * The processes of a session that may still run code: zombies (exited, not reaped) are left
	 * out.
	 * @param sessionId the session's id, the pid of its leader
	 * @return the members, possibly empty
	 */
	static List<ProcessHandle> members(long sessionId) {
		List<ProcessHandle> members = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
			for (Path entry : entries) {
				long pid = parsePid(entry.getFileName().toString());
				if (pid > 0 && isRunningInSession(pid, sessionId)) {
					ProcessHandle.of(pid).ifPresent(members::add);
				}
			}
		}
		catch (IOException ex) {
			// /proc went away: nothing can be found.
		}
		return members;
	}

	/**
	 * The session of a process, read from {@code /proc}.
	 * @param pid the process
	 * @return the session id, empty if the process is gone
	 */
	static Optional<Long> sessionOf(long pid) {
		String[] fields = statFields(pid);
		return (fields != null) ? Optional.of(Long.parseLong(fields[3])) : Optional.empty();
	}

	private static boolean isRunningInSession(long pid, long sessionId) {
		String[] fields = statFields(pid);
		return fields != null && !fields[0].equals("Z") && Long.parseLong(fields[3]) == sessionId;
	}

	/**
	 * The fields of {@code /proc/<pid>/stat} after the command name (which may hold spaces and
	 * parentheses): state, ppid, pgrp, session, ...
	 */
	private static String @Nullable [] statFields(long pid) {
		try {
			String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
			int end = stat.lastIndexOf(')');
			if (end < 0) {
				return null;
			}
			String[] fields = stat.substring(end + 2).split(" ", 5);
			return (fields.length >= 4) ? fields : null;
		}
		catch (IOException | RuntimeException ex) {
			// The process ended between listing and reading.
			return null;
		}
	}

	private static long parsePid(String name) {
		for (int i = 0; i < name.length(); i++) {
			if (!Character.isDigit(name.charAt(i))) {
				return -1;
			}
		}
		try {
			return Long.parseLong(name);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static @Nullable String findSetsid() {
		if (statFields(ProcessHandle.current().pid()) == null) {
			return null;
		}
		String path = System.getenv("PATH");
		List<String> directories = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
		if (path != null) {
			directories.addAll(0, List.of(path.split(File.pathSeparator)));
		}
		for (String directory : directories) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, "setsid");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
