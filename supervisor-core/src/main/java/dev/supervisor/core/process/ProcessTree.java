package dev.supervisor.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;

import dev.supervisor.core.internal.Nanos;

/**
 * A started process and every process it started, and the one way to stop them: SIGTERM to
 * every member, a wait of up to the stop timeout, then SIGKILL to whatever is left.
 * <p>
 * Members are found in one of two ways. Where {@link ProcessSessions#supported() sessions are
 * supported}, the root leads a session of its own and every process of that session is a
 * member, wherever it was re-parented, so a member found late (forked while handling SIGTERM,
 * or left behind by a root that exited) is signalled too. Elsewhere, members are the root's
 * descendants, captured before the first signal while the root is still their ancestor; a
 * process re-parented before that escapes.
 * <p>
 * Stopping is idempotent and safe from several threads at once (a worker's stop and the JVM
 * shutdown hook): SIGTERM is sent once per member, and every caller waits for the same
 * deadline. A member that has exited but was not reaped yet (a zombie, as under a container's
 * init that does not reap orphans) counts as stopped: it runs no more code.
 */
final class ProcessTree {

	/** How often a stop checks whether the members have exited. */
	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/** How long a stop waits for the members to disappear after SIGKILL. */
	private static final Duration KILL_WAIT = Duration.ofSeconds(5);

	private final String name;

	private final Process process;

	private final long stopTimeoutNanos;

	private final Duration stopTimeout;

	private final Logger logger;

	/** Whether the root leads its own session, whose members are then the tree. */
	private final boolean session;

	private final ReentrantLock lock = new ReentrantLock();

	/** Every member found so far, the root first; guarded by {@link #lock}. */
	private final Set<ProcessHandle> members = new LinkedHashSet<>();

	/** Since when SIGTERM was sent, once {@link #terminated}; guarded by {@link #lock}. */
	private long terminatedAt;

	private long killedAt;

	private boolean terminated;

	private boolean killed;

	ProcessTree(String name, Process process, Duration stopTimeout, Logger logger, boolean session) {
		this.name = name;
		this.process = process;
		this.stopTimeout = stopTimeout;
		this.stopTimeoutNanos = Nanos.of(stopTimeout);
		this.logger = logger;
		this.session = session;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Stop the whole tree and wait until it is gone: SIGTERM, up to the stop timeout, SIGKILL.
	 * Returns early when every member has exited. An interrupt does not cut the stop short; it
	 * is restored on return.
	 */
	void stop() {
		terminate();
		boolean interrupted = false;
		try {
			while (!isStopped()) {
				long now = System.nanoTime();
				killIfOverdue(now);
				if (hasGivenUp(now)) {
					this.logger.warn("Process '{}' (pid {}): pids {} still exist {}s after SIGKILL", this.name, pid(),
							pids(refresh()), KILL_WAIT.toSeconds());
					return;
				}
				try {
					TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Send SIGTERM to every member, the first time only, and start the stop timeout. Does not
	 * wait.
	 */
	void terminate() {
		this.lock.lock();
		try {
			if (this.terminated) {
				return;
			}
			// Found before the first signal: without sessions, the root's children are found only
			// while it is alive.
			List<ProcessHandle> running = refresh();
			this.terminated = true;
			this.terminatedAt = System.nanoTime();
			for (ProcessHandle member : running) {
				member.destroy();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Send SIGKILL to every member still running if the stop timeout has passed since SIGTERM.
	 * Does not wait.
	 * @param now the current {@link System#nanoTime()}
	 */
	void killIfOverdue(long now) {
		this.lock.lock();
		try {
			// A difference, never a sum: a stop timeout of Long.MAX_VALUE cannot overflow.
			if (!this.terminated || this.killed || now - this.terminatedAt < this.stopTimeoutNanos) {
				return;
			}
			List<ProcessHandle> running = refresh();
			this.killed = true;
			this.killedAt = now;
			if (running.isEmpty()) {
				return;
			}
			this.logger.warn("Process '{}' (pid {}) did not stop within {} of SIGTERM; sending SIGKILL to pids {}",
					this.name, pid(), this.stopTimeout, pids(running));
			for (ProcessHandle member : running) {
				member.destroyForcibly();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the root and every member have exited.
	 * @return {@code true} once nothing of the tree runs
	 */
	boolean isStopped() {
		return refresh().isEmpty();
	}

	/**
	 * The members still running after the root exited by itself: processes it left behind.
	 * Empty where members are found as descendants, since the root's orphans are no longer its
	 * descendants.
	 * @return their pids
	 */
	List<Long> leftovers() {
		return pids(refresh());
	}

	private boolean hasGivenUp(long now) {
		this.lock.lock();
		try {
			return this.killed && now - this.killedAt >= KILL_WAIT.toNanos();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Find the members running now, remember them, and signal those found after SIGTERM or
	 * SIGKILL was sent, so that a late fork gets what the others got.
	 */
	private List<ProcessHandle> refresh() {
		this.lock.lock();
		try {
			ProcessHandle root = this.process.toHandle();
			this.members.add(root);
			// Read before the scan, which may take a while on a busy machine: whatever the root
			// forked before it was seen dead exists when the scan begins, so the scan finds it.
			boolean rootAlive = this.process.isAlive();
			List<ProcessHandle> found = new ArrayList<>();
			if (this.session) {
				found.addAll(ProcessSessions.members(root.pid()));
			}
			else {
				// Descendants of the root and of every member still running: what can be found of
				// the tree without sessions.
				root.descendants().forEach(found::add);
				for (ProcessHandle member : this.members) {
					if (member.pid() != root.pid() && isRunning(member)) {
						found.add(member);
						member.descendants().forEach(found::add);
					}
				}
			}
			List<ProcessHandle> running = new ArrayList<>();
			if (rootAlive) {
				running.add(root);
			}
			for (ProcessHandle member : found) {
				if (member.pid() == root.pid() || running.contains(member) || !isRunning(member)) {
					continue;
				}
				running.add(member);
				if (this.members.add(member)) {
					signalLate(member);
				}
			}
			return running;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void signalLate(ProcessHandle member) {
		if (this.killed) {
			member.destroyForcibly();
		}
		else if (this.terminated) {
			member.destroy();
		}
	}

	private static List<Long> pids(List<ProcessHandle> handles) {
		return handles.stream().map(ProcessHandle::pid).toList();
	}

	/**
	 * Whether a process exists and has not exited. {@link ProcessHandle#isAlive()} is also
	 * true for a zombie, so where {@code /proc} exists its state is read too.
	 * @param handle the process
	 * @return {@code true} if it may still run code
	 */
	static boolean isRunning(ProcessHandle handle) {
		if (!handle.isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"),
					StandardCharsets.US_ASCII);
			int end = stat.lastIndexOf(')');
			return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
		}
		catch (IOException | RuntimeException ex) {
			// No /proc on this system, or the process just disappeared: trust the handle.
			return handle.isAlive();
		}
	}

}
