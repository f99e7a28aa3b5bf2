package dev.supervisor.core.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.supervisor.core.event.SupervisorEvent;

/**
 * Delivers one worker's events in order without holding the worker's lock.
 * <p>
 * Events are {@link #add added} under the worker's lock, so the queue's order is the order of
 * the transitions. {@link #drain()} is called after the lock is released; only one thread
 * drains at a time, and a thread that finds another draining leaves its events to it. So
 * listeners see one worker's events in order, one at a time, and never under the lock.
 * <p>
 * {@link #awaitIdle} lets a shutdown wait until every queued event has been delivered. Drains
 * signal it only while someone waits, so the common path costs one volatile read.
 */
final class EventQueue {

	private final Queue<SupervisorEvent> events = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final Consumer<SupervisorEvent> delivery;

	private final ReentrantLock idleLock = new ReentrantLock();

	private final Condition idle = this.idleLock.newCondition();

	/** How many threads wait in {@link #awaitIdle}; written before they check, read after a drain. */
	private volatile int waiters;

	EventQueue(Consumer<SupervisorEvent> delivery) {
		this.delivery = delivery;
	}

	void add(SupervisorEvent event) {
		this.events.add(event);
	}

	void drain() {
		while (!this.events.isEmpty() && this.draining.compareAndSet(false, true)) {
			try {
				SupervisorEvent event;
				while ((event = this.events.poll()) != null) {
					this.delivery.accept(event);
				}
			}
			finally {
				this.draining.set(false);
				if (this.waiters > 0) {
					signalIdle();
				}
			}
		}
	}

	/**
	 * Whether every event added so far has been delivered.
	 * @return {@code true} if nothing is queued or being delivered
	 */
	boolean isIdle() {
		return !this.draining.get() && this.events.isEmpty();
	}

	/**
	 * Wait until every queued event has been delivered. Someone must be draining, or drain
	 * later: this method delivers nothing itself.
	 * @param timeoutNanos the longest wait
	 * @return whether the queue is idle
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean awaitIdle(long timeoutNanos) throws InterruptedException {
		long begin = System.nanoTime();
		this.idleLock.lock();
		this.waiters++;
		try {
			// The waiter count is written before the check, and a drain clears its flag before
			// reading the count: one of the two always sees the other.
			while (!isIdle()) {
				long left = timeoutNanos - (System.nanoTime() - begin);
				if (left <= 0) {
					return false;
				}
				this.idle.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
			}
			return true;
		}
		finally {
			this.waiters--;
			this.idleLock.unlock();
		}
	}

	private void signalIdle() {
		this.idleLock.lock();
		try {
			this.idle.signalAll();
		}
		finally {
			this.idleLock.unlock();
		}
	}

}
