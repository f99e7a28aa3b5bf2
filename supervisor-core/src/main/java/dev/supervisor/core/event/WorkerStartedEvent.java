package dev.supervisor.core.event;

import java.time.Instant;

/**
 * A run of a worker began on its thread.
 *
 * @param worker the worker name
 * @param attempt the attempt number since the last explicit start, 0 for the first run
 * @param at when
 */
public record WorkerStartedEvent(String worker, int attempt, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' started" + ((this.attempt > 0) ? " (attempt " + this.attempt + ")" : "");
	}

}
