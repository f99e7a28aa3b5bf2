package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerAddedEvent;

/**
 * A worker was registered.
 */
public final class WorkerAddedApplicationEvent extends SupervisorApplicationEvent {

	public WorkerAddedApplicationEvent(Supervisor source, WorkerAddedEvent event) {
		super(source, event);
	}

	@Override
	public WorkerAddedEvent getEvent() {
		return (WorkerAddedEvent) super.getEvent();
	}

}
