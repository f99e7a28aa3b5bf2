package dev.supervisor.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.supervisor.core.Lease;
import dev.supervisor.core.Scheduler;
import dev.supervisor.core.WorkerContext;

/**
 * The context of one run. A stop request sets the flag, unparks a pending
 * {@link #sleep(Duration)} and interrupts the run's thread. A cluster singleton's run also
 * counts as asked to stop from the instant its {@link Lease} is no longer valid, before anyone
 * requests the stop.
 */
final class RunContext implements WorkerContext {

	private final String name;

	private final int attempt;

	private final int instance;

	private final Scheduler scheduler;

	/** Told once, on the first {@link #ready()} of this run. */
	private final Consumer<RunContext> onReady;

	private final AtomicBoolean ready = new AtomicBoolean();

	final long startNanos;

	/** The run's thread; written under the worker's lock before the thread starts. */
	volatile Thread thread;

	private volatile boolean stopRequested;

	/** The lease the run depends on, or {@code null} if it is not a singleton's. */
	volatile Lease lease;

	/** The thread parked in {@link #sleep(Duration)}, if any. */
	private volatile Thread sleeper;

	RunContext(String name, int attempt, int instance, Scheduler scheduler, long startNanos,
			Consumer<RunContext> onReady) {
		this.name = name;
		this.attempt = attempt;
		this.instance = instance;
		this.scheduler = scheduler;
		this.startNanos = startNanos;
		this.onReady = onReady;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	@Override
	public int instance() {
		return this.instance;
	}

	@Override
	public void ready() {
		if (this.ready.compareAndSet(false, true)) {
			this.onReady.accept(this);
		}
	}

	boolean isReady() {
		return this.ready.get();
	}

	@Override
	public boolean isStopRequested() {
		if (this.stopRequested) {
			return true;
		}
		Lease current = this.lease;
		return current != null && !current.isValid();
	}

	/**
	 * Parks until the scheduler says the duration passed, a stop is requested, or the thread is
	 * interrupted. Parking, not a blocking wait, so that waking a sleeper on stop costs no
	 * exception; an interrupt stays set on the thread for whatever the worker calls next.
	 */
	@Override
	public boolean sleep(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			return !isStopRequested();
		}
		Thread sleeper = Thread.currentThread();
		AtomicBoolean elapsed = new AtomicBoolean();
		this.sleeper = sleeper;
		// Checked after publishing the sleeper: a stop request either unparks it or is seen here.
		if (isStopRequested()) {
			this.sleeper = null;
			return false;
		}
		// Longer than nanoseconds hold is forever, never an overflow.
		Scheduler.Cancellable wakeUp = this.scheduler.schedule(() -> {
			elapsed.set(true);
			LockSupport.unpark(sleeper);
		}, Nanos.capped(duration));
		try {
			while (!elapsed.get() && !this.stopRequested && !sleeper.isInterrupted()) {
				LockSupport.park(this);
			}
		}
		finally {
			wakeUp.cancel();
			this.sleeper = null;
		}
		return elapsed.get() && !isStopRequested();
	}

	void requestStop() {
		this.stopRequested = true;
		Thread parked = this.sleeper;
		if (parked != null) {
			LockSupport.unpark(parked);
		}
		Thread runThread = this.thread;
		if (runThread != null) {
			runThread.interrupt();
		}
	}

}
