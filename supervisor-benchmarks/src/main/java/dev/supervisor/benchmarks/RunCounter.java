package dev.supervisor.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the runs of a restarting worker and lets a benchmark thread wait, parked, until a
 * given number more have happened. Every contender of the restart benchmark counts through
 * one of these, so they pay the same bookkeeping.
 * <p>
 * Runs are counted by one thread at a time (the engine, an actor and a loop all run a worker
 * sequentially), but on different threads over time, hence the atomic counter.
 */
final class RunCounter {

	private final AtomicLong runs = new AtomicLong();

	private volatile long target = Long.MAX_VALUE;

	private volatile Thread waiter;

	/** Called by the worker at the start of each run. */
	void count() {
		if (this.runs.incrementAndGet() == this.target) {
			LockSupport.unpark(this.waiter);
		}
	}

	long runs() {
		return this.runs.get();
	}

	/**
	 * Park until {@code batch} more runs have been counted.
	 * @param batch how many runs to wait for
	 */
	void awaitMore(long batch) {
		awaitTotal(this.runs.get() + batch);
	}

	/**
	 * Park until {@code goal} runs have been counted in all, for a caller that reads the count
	 * before it causes the runs.
	 * @param goal the total to wait for
	 */
	void awaitTotal(long goal) {
		this.waiter = Thread.currentThread();
		// Written before the counter is read again: a run that reaches the goal sees it.
		this.target = goal;
		while (this.runs.get() < goal) {
			LockSupport.parkNanos(this, 100_000_000L);
		}
		this.target = Long.MAX_VALUE;
	}

}
