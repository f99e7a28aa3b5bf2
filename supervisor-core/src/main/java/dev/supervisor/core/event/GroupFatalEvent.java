package dev.supervisor.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.group.GroupStrategy;

/**
 * A group was given up, with all its members, which are now
 * {@link dev.supervisor.core.WorkerState#FATAL}: its members failed more than
 * {@code maxRestarts} times within {@code restartWindow}, or a member its strategy needs was
 * given up by its own limit. The application decides what to do from {@link #escalation()}
 * and {@link #critical()}, as for a worker. {@link #worker()} is the group's name.
 *
 * @param group the group name
 * @param strategy the group's strategy
 * @param member the member whose end caused it
 * @param limitBreached {@code true} if the group's own limit was breached, {@code false} if
 * the member was given up by its own limit
 * @param maxRestarts the group's restart limit
 * @param restartWindow the window the limit applies to
 * @param escalation what the group's spec asks the application to do
 * @param critical whether the group's failure makes the application unhealthy
 * @param at when
 */
public record GroupFatalEvent(String group, GroupStrategy strategy, String member, boolean limitBreached,
		int maxRestarts, Duration restartWindow, Escalation escalation, boolean critical, Instant at)
		implements SupervisorEvent {

	@Override
	public String worker() {
		return this.group;
	}

	@Override
	public String toString() {
		String why = this.limitBreached
				? "exceeded " + this.maxRestarts + ((this.maxRestarts == 1) ? " restart" : " restarts") + " within "
						+ Durations.format(this.restartWindow) + " (last failure: '" + this.member + "')"
				: "lost member '" + this.member + "', which was given up";
		return "Group '" + this.group + "' " + why + " and was given up with its members; escalation "
				+ this.escalation.name().toLowerCase(Locale.ROOT);
	}

}
