package dev.supervisor.core.event;

import java.time.Instant;

/**
 * A run of a worker called {@link dev.supervisor.core.WorkerContext#ready()}: it is ready to
 * serve, and in a group with {@code awaitReady} the next member may start.
 *
 * @param worker the worker name
 * @param attempt the attempt number of the run
 * @param at when
 */
public record WorkerReadyEvent(String worker, int attempt, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' is ready";
	}

}
