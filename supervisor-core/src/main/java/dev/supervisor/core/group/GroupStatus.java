package dev.supervisor.core.group;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one group, taken under the group's lock.
 *
 * @param spec the group's description
 * @param state the state at the moment of the snapshot
 * @param restarts how many times the group restarted members by its strategy, plus explicit
 * restarts of the whole group
 * @param members the members' names, in start order (workers and nested groups)
 * @param waitingFor the member the group waits for while starting or stopping in order (to be
 * {@code RUNNING} or ready, or to stop), or {@code null}
 * @param leader whether this instance holds the leadership of this singleton group
 * ({@link GroupSpec#singleton()}); always {@code false} for other groups
 */
public record GroupStatus(GroupSpec spec, GroupState state, int restarts, List<String> members,
		@Nullable String waitingFor, boolean leader) {

	public GroupStatus {
		members = List.copyOf(members);
	}

	/**
	 * The group's name.
	 * @return the name
	 */
	public String name() {
		return this.spec.name();
	}

}
