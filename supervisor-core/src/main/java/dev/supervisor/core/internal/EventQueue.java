package dev.supervisor.core.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

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
 * <p>
 * A queue exists for every worker, most of which are idle: an empty queue holds no objects.
 * Its events are a linked list guarded by the queue's monitor (held only to link or unlink one
 * node, never while delivering), its flag is a field, and the lock that {@link #awaitIdle}
 * waits on is made by the first waiter.
 */
final class EventQueue {

	private static final AtomicIntegerFieldUpdater<EventQueue> DRAINING = AtomicIntegerFieldUpdater
		.newUpdater(EventQueue.class, "draining");

	private static final AtomicReferenceFieldUpdater<EventQueue, Signal> IDLE_SIGNAL = AtomicReferenceFieldUpdater
		.newUpdater(EventQueue.class, Signal.class, "idleSignal");

	/** The oldest queued event, or {@code null} when none is; written under the monitor. */
	private volatile @Nullable Node head;

	/** The newest queued event while {@link #head} is not {@code null}; under the monitor. */
	private @Nullable Node tail;

	/** 1 while a thread delivers, else 0. */
	private volatile int draining;

	private final WorkerRunner.Delivery delivery;

	/** The worker whose events these are, or {@code null} for a group's. */
	private final @Nullable WorkerRunner runner;

	/** Made once, by the first thread that waits in {@link #awaitIdle}. */
	private volatile @Nullable Signal idleSignal;

	EventQueue(WorkerRunner.Delivery delivery, @Nullable WorkerRunner runner) {
		this.delivery = delivery;
		this.runner = runner;
	}

	void add(SupervisorEvent event) {
		Node node = new Node(event);
		synchronized (this) {
			if (this.head == null) {
				this.head = node;
			}
			else {
				this.tail.next = node;
			}
			this.tail = node;
		}
	}

	private @Nullable SupervisorEvent poll() {
		if (this.head == null) {
			return null;
		}
		synchronized (this) {
			Node first = this.head;
			if (first == null) {
				return null;
			}
			this.head = first.next;
			if (first.next == null) {
				this.tail = null;
			}
			return first.event;
		}
	}

	void drain() {
		while (this.head != null && DRAINING.compareAndSet(this, 0, 1)) {
			try {
				SupervisorEvent event;
				while ((event = poll()) != null) {
					this.delivery.deliver(event, this.runner);
				}
			}
			finally {
				// The flag is cleared before the waiters are read (see Signal).
				this.draining = 0;
				Signal signal = this.idleSignal;
				if (signal != null && signal.hasWaiters()) {
					signal.signalAll();
				}
			}
		}
	}

	/**
	 * Whether every event added so far has been delivered.
	 * @return {@code true} if nothing is queued or being delivered
	 */
	boolean isIdle() {
		return this.draining == 0 && this.head == null;
	}

	/**
	 * Wait until every queued event has been delivered. Someone must be draining, or drain
	 * later: this method delivers nothing itself.
	 * @param timeoutNanos the longest wait
	 * @return whether the queue is idle
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean awaitIdle(long timeoutNanos) throws InterruptedException {
		if (isIdle()) {
			// Most queues of a shutdown are: no signal is made for them.
			return true;
		}
		return idleSignal().await(this::isIdle, timeoutNanos);
	}

	private Signal idleSignal() {
		Signal signal = this.idleSignal;
		if (signal == null) {
			IDLE_SIGNAL.compareAndSet(this, null, new Signal());
			signal = this.idleSignal;
		}
		return signal;
	}

	private static final class Node {

		final SupervisorEvent event;

		@Nullable Node next;

		Node(SupervisorEvent event) {
			this.event = event;
		}

	}

}
