package dev.supervisor.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 * Enders signal only while someone waits, so the common path costs one atomic decrement and one
 * volatile read.
 */
public final class LiveThreads {

	private final AtomicInteger count = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition none = this.lock.newCondition();

	/** How many threads wait in {@link #awaitNone}; written before they check the count. */
	private volatile int waiters;

	/** A thread is about to start; called before {@link Thread#start()}. */
	void starting() {
		this.count.incrementAndGet();
	}

	/** A counted thread ended its runs, or never started after {@link #starting()}. */
	void ended() {
		// The count is written before the waiters are read, and a waiter counts itself before it
		// reads the count: one of the two always sees the other.
		if (this.count.decrementAndGet() == 0 && this.waiters > 0) {
			this.lock.lock();
			try {
				this.none.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Wait until no counted thread runs.
	 * @param timeoutNanos the longest wait
	 * @return whether none does
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public boolean awaitNone(long timeoutNanos) throws InterruptedException {
		if (this.count.get() == 0) {
			return true;
		}
		long begin = System.nanoTime();
		this.lock.lock();
		this.waiters++;
		try {
			while (this.count.get() != 0) {
				long left = timeoutNanos - (System.nanoTime() - begin);
				if (left <= 0) {
					return false;
				}
				this.none.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
			}
			return true;
		}
		finally {
			this.waiters--;
			this.lock.unlock();
		}
	}

}
