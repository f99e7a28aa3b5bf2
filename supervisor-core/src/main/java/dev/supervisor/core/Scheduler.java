package dev.supervisor.core;

import java.time.Duration;
import java.time.Instant;

import dev.supervisor.core.internal.SystemScheduler;

/**
 * The supervisor's source of time: wall-clock instants for reports, a monotonic clock for
 * durations, and delayed tasks for start delays, backoff and {@link WorkerContext#sleep}.
 * Injected per {@link Supervisor} so tests can drive time by hand.
 * <p>
 * Implementations run scheduled tasks on a thread of their own; a task must be short.
 */
public interface Scheduler {

	/**
	 * The current wall-clock time, used for timestamps shown to people.
	 * @return now
	 */
	Instant now();

	/**
	 * A monotonic time in nanoseconds, used to measure durations and restart windows.
	 * @return the time, meaningful only as a difference
	 */
	long nanoTime();

	/**
	 * Run a task once after a delay.
	 * @param task the task
	 * @param delay the delay, zero or more
	 * @return a handle to cancel the task
	 */
	Cancellable schedule(Runnable task, Duration delay);

	/**
	 * The scheduler of the real system clock, backed by one shared daemon thread named
	 * {@code supervisor-scheduler}.
	 * @return the system scheduler
	 */
	static Scheduler system() {
		return SystemScheduler.INSTANCE;
	}

	/**
	 * A scheduled task that can be cancelled.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancel the task if it has not run yet; does nothing otherwise.
		 */
		void cancel();

	}

}
