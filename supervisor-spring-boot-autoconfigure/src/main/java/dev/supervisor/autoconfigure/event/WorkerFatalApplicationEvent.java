package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.RestartLimitBreachedEvent;

/**
 * A worker breached its restart limit and was given up: it is now {@code FATAL}.
 */
public final class WorkerFatalApplicationEvent extends SupervisorApplicationEvent {

	public WorkerFatalApplicationEvent(Supervisor source, RestartLimitBreachedEvent event) {
		super(source, event);
	}

	@Override
	public RestartLimitBreachedEvent getEvent() {
		return (RestartLimitBreachedEvent) super.getEvent();
	}

}
