package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupStrategy;

/**
 * Settings of one group, {@code supervisor.groups.<name>}: workers that start in order, stop in
 * reverse order and restart together by an Erlang/OTP strategy.
 */
public class GroupProperties {

	/**
	 * Which members restart when one member's run ends and its policy restarts it.
	 */
	private GroupStrategy strategy = GroupStrategy.ONE_FOR_ONE;

	/**
	 * Names of the workers, processes or groups in the group, in start order; workers that name
	 * the group themselves join after these.
	 */
	private List<String> members = new ArrayList<>();

	/**
	 * Whether each member waits for the previous one to call context.ready() rather than only to
	 * be running.
	 */
	private boolean awaitReady = false;

	/**
	 * Maximum number of members' restarts after failed runs within the restart window, -1 for no
	 * limit; one more gives up the group and its members.
	 */
	private int maxRestarts = 5;

	/**
	 * Time window that the group's maximum number of restarts applies to.
	 */
	private Duration restartWindow = Duration.ofMinutes(1);

	/**
	 * How long the group waits for each member it stops in order before going on to the next.
	 */
	private Duration stopTimeout = Duration.ofSeconds(10);

	/**
	 * What to do when the group is given up.
	 */
	private Escalation escalation = Escalation.NONE;

	/**
	 * Whether the group being given up makes the application unhealthy.
	 */
	private boolean critical = true;

	/**
	 * Whether the whole group is one cluster singleton, elected on lock key supervisor/<group>:
	 * its members run on one instance at a time and wait in STANDBY elsewhere.
	 */
	private boolean singleton = false;

	public GroupStrategy getStrategy() {
		return this.strategy;
	}

	public void setStrategy(GroupStrategy strategy) {
		this.strategy = strategy;
	}

	public List<String> getMembers() {
		return this.members;
	}

	public void setMembers(List<String> members) {
		this.members = members;
	}

	public boolean isAwaitReady() {
		return this.awaitReady;
	}

	public void setAwaitReady(boolean awaitReady) {
		this.awaitReady = awaitReady;
	}

	public int getMaxRestarts() {
		return this.maxRestarts;
	}

	public void setMaxRestarts(int maxRestarts) {
		this.maxRestarts = maxRestarts;
	}

	public Duration getRestartWindow() {
		return this.restartWindow;
	}

	public void setRestartWindow(Duration restartWindow) {
		this.restartWindow = restartWindow;
	}

	public Duration getStopTimeout() {
		return this.stopTimeout;
	}

	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	public Escalation getEscalation() {
		return this.escalation;
	}

	public void setEscalation(Escalation escalation) {
		this.escalation = escalation;
	}

	public boolean isCritical() {
		return this.critical;
	}

	public void setCritical(boolean critical) {
		this.critical = critical;
	}

	public boolean isSingleton() {
		return this.singleton;
	}

	public void setSingleton(boolean singleton) {
		this.singleton = singleton;
	}

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
