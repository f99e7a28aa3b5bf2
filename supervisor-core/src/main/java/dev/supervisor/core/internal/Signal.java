package dev.supervisor.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What threads wait on until a state they read lets them go on, such as "no worker thread runs"
 * or "every queued event was delivered". The thread that changes the state signals only while
 * someone waits, so its common path costs one volatile read.
 * <p>
 * Invariant: a waiter counts itself before it reads the state, and a changer writes the state
 * before it reads the count (both volatile): one of the two always sees the other, so no
 * waiter sleeps through the change. Waits are also bounded to 100 ms at a time.
 */
final class Signal {

	private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/** How many threads wait in {@link #await}; written before they read the state. */
	private volatile int waiters;

	/**
	 * Whether a thread waits; read by the changer after it wrote the state.
	 * @return {@code true} if one does
	 */
	boolean hasWaiters() {
		return this.waiters > 0;
	}

	/** Wake every waiter, to read the state again. */
	void signalAll() {
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until the state allows going on.
	 * @param done reads the state
	 * @param timeoutNanos the longest wait
	 * @return whether the state allows it
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean await(BooleanSupplier done, long timeoutNanos) throws InterruptedException {
		long begin = System.nanoTime();
		this.lock.lock();
		this.waiters++;
		try {
			while (!done.getAsBoolean()) {
				long left = timeoutNanos - (System.nanoTime() - begin);
				if (left <= 0) {
					return false;
				}
				this.changed.awaitNanos(Math.min(left, MAX_WAIT_NANOS));
			}
			return true;
		}
		finally {
			this.waiters--;
			this.lock.unlock();
		}
	}

}
