package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerReadyEvent;

/**
 * A worker's run called {@code context.ready()}.
 */
public final class WorkerReadyApplicationEvent extends SupervisorApplicationEvent {

	public WorkerReadyApplicationEvent(Supervisor source, WorkerReadyEvent event) {
		super(source, event);
	}

	@Override
	public WorkerReadyEvent getEvent() {
		return (WorkerReadyEvent) super.getEvent();
	}

}
