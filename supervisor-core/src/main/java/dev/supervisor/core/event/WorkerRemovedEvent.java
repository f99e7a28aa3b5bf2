package dev.supervisor.core.event;

import java.time.Instant;

/**
 * A worker was removed from the supervisor; it is the last event about that worker.
 *
 * @param worker the worker name
 * @param at when
 */
public record WorkerRemovedEvent(String worker, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' removed";
	}

}
