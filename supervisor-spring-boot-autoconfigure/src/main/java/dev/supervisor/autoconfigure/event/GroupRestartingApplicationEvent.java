package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.GroupRestartingEvent;

/**
 * A group's strategy restarts members after one member's run ended; {@link #getWorker()} is the group's name.
 */
public final class GroupRestartingApplicationEvent extends SupervisorApplicationEvent {

	public GroupRestartingApplicationEvent(Supervisor source, GroupRestartingEvent event) {
		super(source, event);
	}

	@Override
	public GroupRestartingEvent getEvent() {
		return (GroupRestartingEvent) super.getEvent();
	}

}
