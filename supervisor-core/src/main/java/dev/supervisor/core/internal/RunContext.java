package dev.supervisor.core.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.supervisor.core.Scheduler;
import dev.supervisor.core.WorkerContext;

/**
 * The context of one run. A stop request sets the flag, wakes a pending
 * {@link #sleep(Duration)} and interrupts the run's thread.
 */
final class RunContext implements WorkerContext {

	private final String name;

	private final int attempt;

	private final Scheduler scheduler;

	final long startNanos;

	/** The run's thread; written under the worker's lock before the thread starts. */
	volatile Thread thread;

	private volatile boolean stopRequested;

	private volatile CountDownLatch sleeper;

	RunContext(String name, int attempt, Scheduler scheduler, long startNanos) {
		this.name = name;
		this.attempt = attempt;
		this.scheduler = scheduler;
		this.startNanos = startNanos;
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
	public boolean isStopRequested() {
		return this.stopRequested;
	}

	@Override
	public boolean sleep(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			return !this.stopRequested;
		}
		CountDownLatch latch = new CountDownLatch(1);
		this.sleeper = latch;
		// Checked after publishing the latch: a stop request either sees the latch or is seen here.
		if (this.stopRequested) {
			return false;
		}
		Scheduler.Cancellable wakeUp = this.scheduler.schedule(latch::countDown, duration);
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			wakeUp.cancel();
			this.sleeper = null;
		}
		return !this.stopRequested;
	}

	void requestStop() {
		this.stopRequested = true;
		CountDownLatch latch = this.sleeper;
		if (latch != null) {
			latch.countDown();
		}
		Thread runThread = this.thread;
		if (runThread != null) {
			runThread.interrupt();
		}
	}

}
