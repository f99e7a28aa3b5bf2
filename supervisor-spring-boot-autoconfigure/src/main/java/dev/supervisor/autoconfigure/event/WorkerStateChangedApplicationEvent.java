package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerStateChangedEvent;

/**
 * A worker moved from one state to another. A move to {@code STOPPED} is published as the
 * subclass {@link WorkerStoppedApplicationEvent}.
 */
public class WorkerStateChangedApplicationEvent extends SupervisorApplicationEvent {

	public WorkerStateChangedApplicationEvent(Supervisor source, WorkerStateChangedEvent event) {
		super(source, event);
	}

	@Override
	public WorkerStateChangedEvent getEvent() {
		return (WorkerStateChangedEvent) super.getEvent();
	}

}
