package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupStrategy;

/**
 * Settings of one group, {@code supervisor.groups.<name>}: workers that start in order, stop in
 * reverse order and restart together by an Erlang/OTP strategy. Bound through its constructor,
 * as nothing extends it.
 *
 * @param strategy which members restart when one member's run ends and its policy restarts it
 * @param members names of the workers, processes or groups in the group, in start order; workers
 * that name the group themselves join after these
 * @param awaitReady whether each member waits for the previous one to call context.ready() rather
 * than only to be running
 * @param maxRestarts maximum number of members' restarts after failed runs within the restart
 * window, -1 for no limit; one more gives up the group and its members
 * @param restartWindow time window that the group's maximum number of restarts applies to
 * @param stopTimeout how long the group waits for each member it stops in order before going on to
 * the next
 * @param escalation what to do when the group is given up
 * @param critical whether the group being given up makes the application unhealthy
 * @param singleton whether the whole group is one cluster singleton, elected on lock key
 * supervisor/&lt;group&gt;: its members run on one instance at a time and wait in STANDBY elsewhere
 */
public record GroupProperties(@DefaultValue("one-for-one") GroupStrategy strategy, @DefaultValue List<String> members,
		@DefaultValue("false") boolean awaitReady, @DefaultValue("5") int maxRestarts,
		@DefaultValue("1m") Duration restartWindow, @DefaultValue("10s") Duration stopTimeout,
		@DefaultValue("none") Escalation escalation, @DefaultValue("true") boolean critical,
		@DefaultValue("false") boolean singleton) {

	/**
	 * The engine's spec of the group, validated by the engine.
	 * @param name the group's name
	 * @param members the names of its members, in start order
	 * @return the spec
	 * @throws InvalidSettingException if the engine refuses a value
	 */
	public GroupSpec toSpec(String name, List<String> members) {
		return GroupSpec.builder(name)
			.members(members)
			.strategy(this.strategy)
			.awaitReady(this.awaitReady)
			.maxRestarts(this.maxRestarts)
			.restartWindow(this.restartWindow)
			.stopTimeout(this.stopTimeout)
			.escalation(this.escalation)
			.critical(this.critical)
			.singleton(this.singleton)
			.build();
	}

}
