package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.WorkerStateChangedEvent;

/**
 * A worker reached {@code STOPPED}: it was stopped on request, for example at shutdown.
 */
public final class WorkerStoppedApplicationEvent extends WorkerStateChangedApplicationEvent {

	public WorkerStoppedApplicationEvent(Supervisor source, WorkerStateChangedEvent event) {
		super(source, event);
	}

}
