package dev.supervisor.core;

import java.time.Duration;

/**
 * What a {@link Worker} knows about its current run. One context per run; it is safe to
 * use from the worker's thread and to read from others.
 */
public interface WorkerContext {

	/**
	 * The worker's name, as registered with the supervisor.
	 * @return the name
	 */
	String name();

	/**
	 * Which run this is since the worker was last started explicitly: {@code 0} for the first
	 * run, {@code 1} for the first automatic restart, and so on.
	 * @return the attempt number
	 */
	int attempt();

	/**
	 * Whether a stop was requested. A worker that loops should check this between steps.
	 * @return {@code true} once stop was requested
	 */
	boolean isStopRequested();

	/**
	 * Sleep for the given duration, measured by the supervisor's {@link Scheduler}, or until a
	 * stop is requested, whichever comes first.
	 * @param duration how long to sleep
	 * @return {@code true} if the whole duration passed, {@code false} if the sleep ended
	 * early because a stop was requested or the thread was interrupted (the interrupt stays set)
	 */
	boolean sleep(Duration duration);

	/**
	 * Which copy of a replicated worker this is: {@code 1} to {@code instances} for the copies
	 * {@code <name>-1} ... {@code <name>-N}, and {@code 1} for a worker that is not replicated.
	 * @return the instance number, from 1
	 */
	default int instance() {
		return 1;
	}

	/**
	 * Tell the supervisor that this run is ready to serve. In a group with {@code awaitReady},
	 * the next member starts only once this member called it; elsewhere it is only reported
	 * (a {@link dev.supervisor.core.event.WorkerReadyEvent}). Calling it again in the same run
	 * does nothing.
	 */
	default void ready() {
	}

}
