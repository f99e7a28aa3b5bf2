package dev.supervisor.core.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads of one supervisor's workers are running a worker's runs, so that a shutdown
 * waits once for all of them instead of joining a million threads one by one (each join of a
 * thread still running is one wake-up of the waiting thread).
 * <p>
 * A thread is counted from just before it starts ({@link #starting()}) until its last run's
 * events were delivered ({@link #ended()}), both called by its {@link WorkerRunner}: when the
 * count is zero, no worker code runs and every run's end has been handed to listeners. A count
 * is only a fast path: a shutdown still checks each worker afterwards.
 * <p>
 * Enders signal only while someone waits ({@link Signal}), so the common path costs one atomic
 * decrement and one volatile read.
 */
public final class LiveThreads {

	private final AtomicInteger count = new AtomicInteger();

	private final Signal none = new Signal();

	/** A thread is about to start; called before {@link Thread#start()}. */
	void starting() {
		this.count.incrementAndGet();
	}

	/** A counted thread ended its runs, or never started after {@link #starting()}. */
	void ended() {
		if (this.count.decrementAndGet() == 0 && this.none.hasWaiters()) {
			this.none.signalAll();
		}
	}

	/**
	 * Wait until no counted thread runs.
	 * @param timeoutNanos the longest wait
	 * @return whether none does
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public boolean awaitNone(long timeoutNanos) throws InterruptedException {
		return this.count.get() == 0 || this.none.await(() -> this.count.get() == 0, timeoutNanos);
	}

}
