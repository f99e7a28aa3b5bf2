package dev.supervisor.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

import dev.supervisor.core.Lease;
import dev.supervisor.core.Scheduler;
import dev.supervisor.core.WorkerContext;

/**
 * The context of one run, and the task of the thread that starts with it. A stop request sets
 * the flag, unparks a pending {@link #sleep(Duration)} and interrupts the run's thread. A
 * cluster singleton's run also counts as asked to stop from the instant its {@link Lease} is
 * no longer valid, before anyone requests the stop.
 * <p>
 * One exists for every running worker, so it holds little: what the worker's spec and runner
 * know is read through {@link #runner}, the ready flag is a field, not an object, and it is
 * its thread's task itself rather than a lambda around it.
 */
final class RunContext implements WorkerContext, Runnable {

	private static final AtomicIntegerFieldUpdater<RunContext> READY = AtomicIntegerFieldUpdater
		.newUpdater(RunContext.class, "ready");

	/** The worker's state machine, told once, on the first {@link #ready()} of this run. */
	private final WorkerRunner runner;

	private final int attempt;

	/** 1 once the run called {@link #ready()}. */
	private volatile int ready;

	final long startNanos;

	/** The run's thread; written under the worker's lock before the thread starts. */
	volatile Thread thread;

	private volatile boolean stopRequested;

	/** The lease the run depends on, or {@code null} if it is not a singleton's. */
	volatile Lease lease;

	/** The thread parked in {@link #sleep(Duration)}, if any. */
	private volatile Thread sleeper;

	/** Whether {@link #run()} began; read and written only on {@link #thread}. */
	private boolean executed;

	RunContext(WorkerRunner runner, int attempt, long startNanos) {
		this.runner = runner;
		this.attempt = attempt;
		this.startNanos = startNanos;
	}

	/**
	 * The thread's task: this run and those that continue on the same thread. Runs once, on the
	 * thread made for it; user code that finds a {@code Runnable} in its context cannot run it.
	 */
	@Override
	public void run() {
		if (Thread.currentThread() != this.thread || this.executed) {
			throw new IllegalStateException(
					"The context of worker '" + name() + "' runs only as the task of its own thread");
		}
		this.executed = true;
		this.runner.execute(this);
	}

	@Override
	public String name() {
		return this.runner.spec().name();
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	@Override
	public int instance() {
		return this.runner.spec().instance();
	}

	@Override
	public void ready() {
		if (READY.compareAndSet(this, 0, 1)) {
			this.runner.onReady(this);
		}
	}

	boolean isReady() {
		return this.ready == 1;
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
		Scheduler.Cancellable wakeUp = this.runner.scheduler().schedule(() -> {
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
