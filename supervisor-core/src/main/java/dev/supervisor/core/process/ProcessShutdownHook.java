package dev.supervisor.core.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no supervised process outlives the JVM: holds the trees of the processes alive
 * and, from a JVM shutdown hook registered as the first of them begins to start, stops every
 * tree still there (SIGTERM, each one's stop timeout, SIGKILL), all at once.
 * <p>
 * This matters when the core is used without a framework that stops the supervisor on
 * shutdown. When one does, both stop the same {@link ProcessTree}, which sends SIGTERM once.
 * Once the JVM shuts down, no new process is accepted.
 */
final class ProcessShutdownHook {

	/** The hook of this JVM. */
	static final ProcessShutdownHook INSTANCE = new ProcessShutdownHook(Runtime.getRuntime()::addShutdownHook);

	private static final Logger logger = LoggerFactory.getLogger(ProcessShutdownHook.class);

	/** How long the hook waits for processes being started to be registered. */
	private static final long START_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Consumer<Thread> hookRegistration;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when the last start in flight ends. */
	private final Condition noStartInFlight = this.lock.newCondition();

	/** Guarded by {@link #lock}: processes between {@link #beginStart()} and {@link #endStart()}. */
	private int startsInFlight;

	/** Guarded by {@link #lock}: the hook took its list of trees; none is registered after. */
	private boolean listTaken;

	/** Guarded by {@link #lock}: the processes alive, until unregistered or listed by the hook. */
	private final Set<ProcessTree> trees = new LinkedHashSet<>();

	/** Guarded by {@link #lock}: set by the first {@link #beginStart()}, before any process exists. */
	private boolean hookRegistered;

	/** Guarded by {@link #lock}: no process may start any more. */
	private boolean shuttingDown;

	/**
	 * Create a hook.
	 * @param hookRegistration registers the hook's thread with the runtime, called once, with
	 * the first process
	 */
	ProcessShutdownHook(Consumer<Thread> hookRegistration) {
		this.hookRegistration = hookRegistration;
	}

	/**
	 * Announce a process about to start; the hook waits for it to be registered (or its start
	 * to fail) before it takes the list of processes to stop, so that a process started while
	 * the JVM begins to shut down is stopped with the others. Pair with {@link #endStart()}.
	 * @return {@code false} if the JVM is shutting down: the process must not start
	 */
	boolean beginStart() {
		this.lock.lock();
		try {
			if (this.shuttingDown) {
				return false;
			}
			// Registered before the first process exists, never after: a JVM told to stop while
			// its first processes are being started must run the hook, which waits for them.
			if (!this.hookRegistered) {
				try {
					this.hookRegistration.accept(new Thread(this::stopAll, "supervisor-process-shutdown"));
				}
				catch (IllegalStateException ex) {
					// The JVM is already shutting down.
					this.shuttingDown = true;
					return false;
				}
				this.hookRegistered = true;
			}
			this.startsInFlight++;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The start announced by {@link #beginStart()} registered its process or failed. */
	void endStart() {
		this.lock.lock();
		try {
			if (--this.startsInFlight == 0) {
				this.noStartInFlight.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Keep a started process until {@link #unregister}. Called between {@link #beginStart()}
	 * and {@link #endStart()}.
	 * @param tree the process
	 * @return {@code false} if the hook has already taken its list: the caller must stop the
	 * process
	 */
	boolean register(ProcessTree tree) {
		this.lock.lock();
		try {
			if (this.listTaken) {
				return false;
			}
			this.trees.add(tree);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	void unregister(ProcessTree tree) {
		this.lock.lock();
		try {
			this.trees.remove(tree);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Refuse new processes, then stop every tree still registered and wait until each is gone
	 * or given up.
	 */
	void stopAll() {
		List<ProcessTree> alive;
		this.lock.lock();
		try {
			this.shuttingDown = true;
			// Starts already under way register their process first: its pid may exist (and have
			// forked) before its worker thread registers it. Bounded, as a start could hang.
			long left = START_WAIT_NANOS;
			while (this.startsInFlight > 0 && left > 0) {
				try {
					left = this.noStartInFlight.awaitNanos(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			this.listTaken = true;
			alive = new ArrayList<>(this.trees);
		}
		finally {
			this.lock.unlock();
		}
		if (alive.isEmpty()) {
			return;
		}
		logger.info("JVM shutdown: stopping {} supervised processes, pids {}", alive.size(),
				alive.stream().map(ProcessTree::pid).toList());
		for (ProcessTree tree : alive) {
			tree.terminate();
		}
		// One thread per tree keeps each stop timeout its own; they all run at once.
		List<Thread> stoppers = new ArrayList<>();
		for (ProcessTree tree : alive) {
			Thread stopper = new Thread(tree::stop, "supervisor-process-shutdown-" + tree.pid());
			stopper.setDaemon(true);
			stopper.start();
			stoppers.add(stopper);
		}
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Whether the JVM is shutting down, so that no process should start.
	 * @return {@code true} once the hook has begun stopping processes
	 */
	boolean isShuttingDown() {
		this.lock.lock();
		try {
			return this.shuttingDown;
		}
		finally {
			this.lock.unlock();
		}
	}

}
