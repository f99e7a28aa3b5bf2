package dev.supervisor.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.group.GroupStrategy;

/**
 * A member's run ended, its restart policy restarts it, and the group's strategy decided which
 * members restart: only the member under one-for-one (it restarts itself, with its own
 * backoff), every member under one-for-all, the member and those after it under rest-for-one.
 * {@link #worker()} is the group's name (groups and workers share one namespace).
 *
 * @param group the group name
 * @param strategy the group's strategy
 * @param member the member whose run ended
 * @param failed whether that run failed; only failures count toward the group's limit
 * @param restarted the members that restart, in start order
 * @param delay how long after the last of them stopped they start again
 * @param restart which failure restart this is within the group's window, from 1; 0 when it
 * does not count (a completed run) or restarts are unlimited
 * @param maxRestarts the group's restart limit, or {@link WorkerSpec#UNLIMITED_RESTARTS}
 * @param at when
 */
public record GroupRestartingEvent(String group, GroupStrategy strategy, String member, boolean failed,
		List<String> restarted, Duration delay, int restart, int maxRestarts, Instant at) implements SupervisorEvent {

	public GroupRestartingEvent {
		restarted = List.copyOf(restarted);
	}

	@Override
	public String worker() {
		return this.group;
	}

	@Override
	public String toString() {
		String limit = (this.restart > 0) ? "; group restart " + this.restart + " of " + this.maxRestarts : "";
		return "Group '" + this.group + "' (" + this.strategy.displayName() + ") restarts " + this.restarted
				+ " because '" + this.member + "' " + (this.failed ? "failed" : "ended") + limit;
	}

}
