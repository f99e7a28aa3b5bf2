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

/**
 * A started process and its descendants, and the one way to stop them: SIGTERM to every
 * member, a wait of up to the stop timeout, then SIGKILL to whatever is left.
 * <p>
 * The descendants are captured before the first signal, while the process is still their
 * ancestor; once it dies they are re-parented and no longer found through it. Stopping is
 * idempotent and safe from several threads at once (a worker's stop and the JVM shutdown
 * hook): SIGTERM is sent once, and every caller waits for the same deadline.
 * <p>
 * A member that has exited but was not reaped yet (a zombie, as under a container's init that
 * does not reap orphans) counts as stopped: it runs no more code.
 */
final class ProcessTree {

	/** How often a stop checks whether the members have exited. */
	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/** How long a stop waits for the members to disappear after SIGKILL. */
	private static final Duration KILL_WAIT = Duration.ofSeconds(5);

	private final String name;

	private final Process process;

	private final Duration stopTimeout;

	private final Logger logger;

	private final ReentrantLock lock = new ReentrantLock();

	/** The process first, then its descendants as captured; guarded by {@link #lock}. */
	private final Set<ProcessHandle> members = new LinkedHashSet<>();

	/** When SIGKILL is due, once SIGTERM was sent; guarded by {@link #lock}. */
	private long killDeadline;

	private boolean terminated;

	private boolean killed;

	ProcessTree(String name, Process process, Duration stopTimeout, Logger logger) {
		this.name = name;
		this.process = process;
		this.stopTimeout = stopTimeout;
		this.logger = logger;
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
							runningMembers().stream().map(ProcessHandle::pid).toList(), KILL_WAIT.toSeconds());
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
	 * Send SIGTERM to the process and its descendants, the first time only, and start the stop
	 * timeout. Does not wait.
	 */
	void terminate() {
		this.lock.lock();
		try {
			if (this.terminated) {
				return;
			}
			this.terminated = true;
			this.killDeadline = System.nanoTime() + this.stopTimeout.toNanos();
			ProcessHandle root = this.process.toHandle();
			this.members.add(root);
			root.descendants().forEach(this.members::add);
			for (ProcessHandle member : this.members) {
				member.destroy();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Send SIGKILL to every member still running, and to their descendants, if the stop
	 * timeout has passed since SIGTERM. Does not wait.
	 * @param now the current {@link System#nanoTime()}
	 */
	void killIfOverdue(long now) {
		this.lock.lock();
		try {
			if (!this.terminated || this.killed || now - this.killDeadline < 0) {
				return;
			}
			this.killed = true;
			List<ProcessHandle> running = runningMembers();
			if (running.isEmpty()) {
				return;
			}
			// Children started since SIGTERM, by a shutdown handler for instance, go too.
			for (ProcessHandle member : running) {
				member.descendants().forEach(this.members::add);
			}
			running = runningMembers();
			this.logger.warn("Process '{}' (pid {}) did not stop within {}ms of SIGTERM; sending SIGKILL to pids {}",
					this.name, pid(), this.stopTimeout.toMillis(), running.stream().map(ProcessHandle::pid).toList());
			for (ProcessHandle member : running) {
				member.destroyForcibly();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the process and every captured descendant have exited.
	 * @return {@code true} once nothing of the tree runs
	 */
	boolean isStopped() {
		return runningMembers().isEmpty();
	}

	private boolean hasGivenUp(long now) {
		this.lock.lock();
		try {
			return this.killed && now - (this.killDeadline + KILL_WAIT.toNanos()) >= 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	private List<ProcessHandle> runningMembers() {
		List<ProcessHandle> running = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.process.isAlive()) {
				running.add(this.process.toHandle());
			}
			for (ProcessHandle member : this.members) {
				if (member.pid() != this.process.pid() && isRunning(member)) {
					running.add(member);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return running;
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
