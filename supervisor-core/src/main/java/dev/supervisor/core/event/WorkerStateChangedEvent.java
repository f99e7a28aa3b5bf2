package dev.supervisor.core.event;

import java.time.Instant;

import dev.supervisor.core.WorkerState;

/**
 * A worker moved from one state to another.
 *
 * @param worker the worker name
 * @param from the previous state
 * @param to the new state
 * @param at when
 */
public record WorkerStateChangedEvent(String worker, WorkerState from, WorkerState to, Instant at)
		implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' changed from " + this.from + " to " + this.to;
	}

}
