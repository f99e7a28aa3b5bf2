package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.GroupFatalEvent;

/**
 * A group was given up with its members, which are now {@code FATAL}; {@link #getWorker()} is the group's name.
 */
public final class GroupFatalApplicationEvent extends SupervisorApplicationEvent {

	public GroupFatalApplicationEvent(Supervisor source, GroupFatalEvent event) {
		super(source, event);
	}

	@Override
	public GroupFatalEvent getEvent() {
		return (GroupFatalEvent) super.getEvent();
	}

}
