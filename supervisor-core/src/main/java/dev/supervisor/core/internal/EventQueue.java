package dev.supervisor.core.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.supervisor.core.event.SupervisorEvent;

/**
 * Delivers one worker's events in order without holding the worker's lock.
 * <p>
 * Events are {@link #add added} under the worker's lock, so the queue's order is the order of
 * the transitions. {@link #drain()} is called after the lock is released; only one thread
 * drains at a time, and a thread that finds another draining leaves its events to it. So
 * listeners see one worker's events in order, one at a time, and never under the lock.
 */
final class EventQueue {

	private final Queue<SupervisorEvent> events = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final Consumer<SupervisorEvent> delivery;

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
			}
		}
	}

}
