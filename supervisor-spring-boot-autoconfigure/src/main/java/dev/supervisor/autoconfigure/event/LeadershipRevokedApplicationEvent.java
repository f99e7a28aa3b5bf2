package dev.supervisor.autoconfigure.event;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.LeadershipRevokedEvent;

/**
 * This instance lost the leadership of a cluster singleton.
 */
public final class LeadershipRevokedApplicationEvent extends SupervisorApplicationEvent {

	public LeadershipRevokedApplicationEvent(Supervisor source, LeadershipRevokedEvent event) {
		super(source, event);
	}

	@Override
	public LeadershipRevokedEvent getEvent() {
		return (LeadershipRevokedEvent) super.getEvent();
	}

}
