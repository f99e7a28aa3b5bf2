package dev.supervisor.core.event;

import java.time.Instant;

import dev.supervisor.core.WorkerSpec;

/**
 * A worker was registered with the supervisor.
 *
 * @param worker the worker name
 * @param spec the worker's description
 * @param at when
 */
public record WorkerAddedEvent(String worker, WorkerSpec spec, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' added";
	}

}
