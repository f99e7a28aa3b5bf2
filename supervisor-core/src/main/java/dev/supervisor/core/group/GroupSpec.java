package dev.supervisor.core.group;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.internal.Names;

/**
 * Immutable description of a group: an ordered set of members (workers, or other groups) with
 * an Erlang/OTP restart strategy and a restart limit of its own. Built with
 * {@link #builder(String)} and validated eagerly.
 * <p>
 * Built-in defaults, the one place they are written:
 * <table>
 * <caption>Defaults</caption>
 * <tr><td>strategy</td><td>{@link GroupStrategy#ONE_FOR_ONE}</td></tr>
 * <tr><td>awaitReady</td><td>false: a member is up once {@code RUNNING}</td></tr>
 * <tr><td>maxRestarts</td><td>5 (-1 = unlimited), counted over members' failure restarts</td></tr>
 * <tr><td>restartWindow</td><td>1 minute</td></tr>
 * <tr><td>stopTimeout</td><td>10 seconds: how long the group waits for each member it stops in order</td></tr>
 * <tr><td>escalation</td><td>{@link Escalation#NONE}</td></tr>
 * <tr><td>critical</td><td>true</td></tr>
 * <tr><td>autoStartup</td><td>true</td></tr>
 * <tr><td>singleton</td><td>false</td></tr>
 * </table>
 */
public final class GroupSpec {

	private final String name;

	private final List<String> members;

	private final GroupStrategy strategy;

	private final boolean awaitReady;

	private final int maxRestarts;

	private final Duration restartWindow;

	private final Duration stopTimeout;

	private final Escalation escalation;

	private final boolean critical;

	private final boolean autoStartup;

	private final boolean singleton;

	private GroupSpec(Builder builder) {
		this.name = builder.name;
		this.members = List.copyOf(builder.members);
		this.strategy = builder.strategy;
		this.awaitReady = builder.awaitReady;
		this.maxRestarts = builder.maxRestarts;
		this.restartWindow = builder.restartWindow;
		this.stopTimeout = builder.stopTimeout;
		this.escalation = builder.escalation;
		this.critical = builder.critical;
		this.autoStartup = builder.autoStartup;
		this.singleton = builder.singleton;
	}

	/**
	 * Start describing a group.
	 * @param name the unique name, in the namespace of workers: same rules as a worker name
	 * @return a builder holding the built-in defaults
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	public String name() {
		return this.name;
	}

	/**
	 * The members' names in start order. Each is a worker or a group registered before this
	 * group, and belongs to no other group.
	 * @return the names
	 */
	public List<String> members() {
		return this.members;
	}

	public GroupStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Whether each member waits for the previous one to call
	 * {@link dev.supervisor.core.WorkerContext#ready()} rather than only to be running.
	 * @return {@code true} to await readiness
	 */
	public boolean awaitReady() {
		return this.awaitReady;
	}

	/**
	 * The most failure restarts of members allowed within {@link #restartWindow()}; one more
	 * and the group goes {@link GroupState#FATAL}. {@link WorkerSpec#UNLIMITED_RESTARTS} for no
	 * limit.
	 * @return the limit
	 */
	public int maxRestarts() {
		return this.maxRestarts;
	}

	public Duration restartWindow() {
		return this.restartWindow;
	}

	/**
	 * How long the group waits for each member it stops in order before it goes on to the next
	 * one (the member keeps stopping on its own).
	 * @return the timeout
	 */
	public Duration stopTimeout() {
		return this.stopTimeout;
	}

	public Escalation escalation() {
		return this.escalation;
	}

	/**
	 * Whether this group going {@link GroupState#FATAL} makes the application unhealthy.
	 * @return {@code true} if critical
	 */
	public boolean critical() {
		return this.critical;
	}

	/**
	 * Whether the group starts when the supervisor starts, or when it is added to a running
	 * supervisor.
	 * @return {@code true} to start automatically
	 */
	public boolean autoStartup() {
		return this.autoStartup;
	}

	/**
	 * Whether the whole group is one cluster singleton: it runs on the instance that holds its
	 * leadership, starting its members in order when granted and stopping them in reverse
	 * order when revoked, and waits in {@link GroupState#STANDBY} elsewhere. Each member's
	 * {@code isStopRequested()} is fenced by the group's lease. Members must be workers that are
	 * not singletons themselves.
	 * @return {@code true} for a singleton group
	 */
	public boolean singleton() {
		return this.singleton;
	}

	@Override
	public String toString() {
		return "GroupSpec[name=" + this.name + ", members=" + this.members + ", strategy="
				+ this.strategy.displayName() + ", awaitReady=" + this.awaitReady + ", maxRestarts=" + this.maxRestarts
				+ ", restartWindow=" + this.restartWindow + ", stopTimeout=" + this.stopTimeout + ", escalation="
				+ this.escalation + ", critical=" + this.critical + ", autoStartup=" + this.autoStartup + ", singleton=" + this.singleton + "]";
	}

	/**
	 * Builds a {@link GroupSpec}; {@link #build()} validates every value.
	 */
	public static final class Builder {

		private final String name;

		private List<String> members = List.of();

		private GroupStrategy strategy = GroupStrategy.ONE_FOR_ONE;

		private boolean awaitReady;

		private int maxRestarts = 5;

		private Duration restartWindow = Duration.ofMinutes(1);

		private Duration stopTimeout = Duration.ofSeconds(10);

		private Escalation escalation = Escalation.NONE;

		private boolean critical = true;

		private boolean autoStartup = true;

		private boolean singleton;

		private Builder(String name) {
			this.name = Names.require("group", name, WorkerSpec.NAME_PATTERN, WorkerSpec.ALLOWED_NAME);
		}

		public Builder members(String... members) {
			return members(List.of(members));
		}

		public Builder members(List<String> members) {
			this.members = members;
			return this;
		}

		public Builder strategy(GroupStrategy strategy) {
			this.strategy = strategy;
			return this;
		}

		public Builder awaitReady(boolean awaitReady) {
			this.awaitReady = awaitReady;
			return this;
		}

		public Builder maxRestarts(int maxRestarts) {
			this.maxRestarts = maxRestarts;
			return this;
		}

		public Builder restartWindow(Duration restartWindow) {
			this.restartWindow = restartWindow;
			return this;
		}

		public Builder stopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
			return this;
		}

		public Builder escalation(Escalation escalation) {
			this.escalation = escalation;
			return this;
		}

		public Builder critical(boolean critical) {
			this.critical = critical;
			return this;
		}

		public Builder autoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
			return this;
		}

		public Builder singleton(boolean singleton) {
			this.singleton = singleton;
			return this;
		}

		/**
		 * Validate every value and build the spec.
		 * @return the spec
		 * @throws IllegalArgumentException naming the group, the field, the value and what is
		 * allowed
		 */
		public GroupSpec build() {
			require(this.members != null, "members", null, "a list of worker or group names");
			Set<String> seen = new HashSet<>();
			for (String member : this.members) {
				require(member != null, "members", this.members, "a list of worker or group names");
				require(seen.add(member), "members", this.members, "each name once");
				require(!member.equals(this.name), "members", this.members, "names other than the group's own");
			}
			require(this.strategy != null, "strategy", null, "one of ONE_FOR_ONE, ONE_FOR_ALL, REST_FOR_ONE");
			require(this.maxRestarts >= WorkerSpec.UNLIMITED_RESTARTS, "maxRestarts", this.maxRestarts,
					"-1 for unlimited, or 0 and more");
			require(isPositive(this.restartWindow), "restartWindow", this.restartWindow, "a positive duration");
			require(this.stopTimeout != null && !this.stopTimeout.isNegative(), "stopTimeout", this.stopTimeout,
					"zero or more");
			require(this.escalation != null, "escalation", null, "one of NONE, SHUTDOWN");
			return new GroupSpec(this);
		}

		private void require(boolean valid, String field, Object value, String allowed) {
			if (!valid) {
				throw new InvalidSettingException(field, value,
						"Invalid " + field + " for group '" + this.name + "': " + value + " (allowed: " + allowed + ")");
			}
		}

		private static boolean isPositive(Duration duration) {
			return duration != null && !duration.isNegative() && !duration.isZero();
		}

	}

}
