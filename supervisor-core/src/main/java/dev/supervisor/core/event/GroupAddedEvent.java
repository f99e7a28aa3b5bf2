package dev.supervisor.core.event;

import java.time.Instant;

import dev.supervisor.core.group.GroupSpec;

/**
 * A group was registered with the supervisor; it is the first event about that group, and
 * comes before any event its start causes. {@link #worker()} is the group's name.
 *
 * @param group the group name
 * @param spec the group's description
 * @param at when
 */
public record GroupAddedEvent(String group, GroupSpec spec, Instant at) implements SupervisorEvent {

	@Override
	public String worker() {
		return this.group;
	}

	@Override
	public String toString() {
		return "Group '" + this.group + "' added with members " + this.spec.members();
	}

}
