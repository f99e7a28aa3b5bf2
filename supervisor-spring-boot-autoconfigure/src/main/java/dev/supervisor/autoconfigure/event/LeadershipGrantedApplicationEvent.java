package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.LeadershipGrantedEvent;

/**
 * This instance was granted the leadership of a cluster singleton.
 */
public final class LeadershipGrantedApplicationEvent extends SupervisorApplicationEvent {

	public LeadershipGrantedApplicationEvent(Supervisor source, LeadershipGrantedEvent event) {
		super(source, event);
	}

	@Override
	public LeadershipGrantedEvent getEvent() {
		return (LeadershipGrantedEvent) super.getEvent();
	}

}
