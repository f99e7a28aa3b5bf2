package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerRemovedEvent;

/**
 * A worker was removed.
 */
public final class WorkerRemovedApplicationEvent extends SupervisorApplicationEvent {

	public WorkerRemovedApplicationEvent(Supervisor source, WorkerRemovedEvent event) {
		super(source, event);
	}

	@Override
	public WorkerRemovedEvent getEvent() {
		return (WorkerRemovedEvent) super.getEvent();
	}

}
