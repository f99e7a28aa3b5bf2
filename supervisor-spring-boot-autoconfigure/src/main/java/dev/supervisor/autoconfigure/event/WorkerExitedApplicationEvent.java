package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerExitedEvent;

/**
 * A run of a worker ended: completed, failed or stopped; see {@code getEvent().outcome()}.
 */
public final class WorkerExitedApplicationEvent extends SupervisorApplicationEvent {

	public WorkerExitedApplicationEvent(Supervisor source, WorkerExitedEvent event) {
		super(source, event);
	}

	@Override
	public WorkerExitedEvent getEvent() {
		return (WorkerExitedEvent) super.getEvent();
	}

}
