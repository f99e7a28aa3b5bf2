package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerStartedEvent;

/**
 * A run of a worker began.
 */
public final class WorkerStartedApplicationEvent extends SupervisorApplicationEvent {

	public WorkerStartedApplicationEvent(Supervisor source, WorkerStartedEvent event) {
		super(source, event);
	}

	@Override
	public WorkerStartedEvent getEvent() {
		return (WorkerStartedEvent) super.getEvent();
	}

}
