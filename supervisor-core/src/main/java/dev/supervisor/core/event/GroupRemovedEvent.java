package dev.supervisor.core.event;

import java.time.Instant;

/**
 * A group was removed from the supervisor, its members with it (each member's own removal is
 * announced by its own event); it is the last event about that group. {@link #worker()} is the
 * group's name.
 *
 * @param group the group name
 * @param at when
 */
public record GroupRemovedEvent(String group, Instant at) implements SupervisorEvent {

	@Override
	public String worker() {
		return this.group;
	}

	@Override
	public String toString() {
		return "Group '" + this.group + "' removed";
	}

}
