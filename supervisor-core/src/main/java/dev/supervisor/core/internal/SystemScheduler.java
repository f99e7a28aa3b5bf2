package dev.supervisor.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.supervisor.core.Scheduler;

/**
 * The real clock, with one shared daemon thread for delayed tasks. Cancelled tasks are removed
 * from the queue at once, so a worker stopped during a long backoff leaves nothing behind.
 */
public final class SystemScheduler implements Scheduler {

	/** The shared instance returned by {@link Scheduler#system()}. */
	public static final SystemScheduler INSTANCE = new SystemScheduler();

	private final ScheduledThreadPoolExecutor executor;

	private SystemScheduler() {
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "supervisor-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	@Override
	public Instant now() {
		return Instant.now();
	}

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public Cancellable schedule(Runnable task, Duration delay) {
		ScheduledFuture<?> future = this.executor.schedule(task, Nanos.of(delay), TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

}
