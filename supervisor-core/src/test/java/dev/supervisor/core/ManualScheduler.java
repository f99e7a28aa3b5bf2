package dev.supervisor.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import dev.supervisor.core.internal.Nanos;

/**
 * A scheduler whose time moves only when a test calls {@link #advance(Duration)}. Due tasks run
 * on the caller's thread, in time order.
 */
final class ManualScheduler implements Scheduler {

	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	private final PriorityQueue<Task> tasks = new PriorityQueue<>(
			Comparator.comparingLong((Task task) -> task.due).thenComparingLong((task) -> task.sequence));

	private long nanos;

	private long sequence;

	@Override
	public synchronized Instant now() {
		return EPOCH.plusNanos(this.nanos);
	}

	@Override
	public synchronized long nanoTime() {
		return this.nanos;
	}

	@Override
	public synchronized Cancellable schedule(Runnable task, Duration delay) {
		Task scheduled = new Task(Nanos.saturatedAdd(this.nanos, Nanos.of(delay)), this.sequence++, task);
		this.tasks.add(scheduled);
		return () -> {
			synchronized (this) {
				this.tasks.remove(scheduled);
			}
		};
	}

	/**
	 * Move time forward, running every task that falls due on the way.
	 * @param duration how far
	 */
	void advance(Duration duration) {
		long target;
		synchronized (this) {
			target = Nanos.saturatedAdd(this.nanos, Nanos.of(duration));
		}
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.peek();
				if (next == null || next.due > target) {
					this.nanos = target;
					return;
				}
				this.tasks.poll();
				this.nanos = Math.max(this.nanos, next.due);
			}
			next.action.run();
		}
	}

	/**
	 * The delays of the tasks waiting now, from the current time.
	 * @return the pending delays, soonest first
	 */
	synchronized List<Duration> pendingDelays() {
		List<Task> sorted = new ArrayList<>(this.tasks);
		sorted.sort(this.tasks.comparator());
		return sorted.stream().map((task) -> Duration.ofNanos(task.due - this.nanos)).toList();
	}

	private record Task(long due, long sequence, Runnable action) {
	}

}
