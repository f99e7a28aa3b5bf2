package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerRestartingEvent;

/**
 * A worker's run ended and it restarts after a backoff delay.
 */
public final class WorkerRestartingApplicationEvent extends SupervisorApplicationEvent {

	public WorkerRestartingApplicationEvent(Supervisor source, WorkerRestartingEvent event) {
		super(source, event);
	}

	@Override
	public WorkerRestartingEvent getEvent() {
		return (WorkerRestartingEvent) super.getEvent();
	}

}
