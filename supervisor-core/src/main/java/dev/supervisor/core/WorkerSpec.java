package dev.supervisor.core;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.internal.Names;

/**
 * Immutable description of a supervised worker: its code and how it is restarted. Built once
 * with {@link #builder(String, Worker)} and validated eagerly.
 * <p>
 * Built-in defaults, the one place they are written:
 * <table>
 * <caption>Defaults</caption>
 * <tr><td>restart</td><td>{@link RestartPolicy#ON_FAILURE}</td></tr>
 * <tr><td>maxRestarts</td><td>5 (-1 = unlimited)</td></tr>
 * <tr><td>restartWindow</td><td>1 minute</td></tr>
 * <tr><td>healthyAfter</td><td>30 seconds</td></tr>
 * <tr><td>startDelay</td><td>0</td></tr>
 * <tr><td>backoff</td><td>{@link Backoff#DEFAULT}: 1s doubling up to 1m, 20% jitter</td></tr>
 * <tr><td>escalation</td><td>{@link Escalation#NONE}</td></tr>
 * <tr><td>critical</td><td>true</td></tr>
 * <tr><td>autoStartup</td><td>true</td></tr>
 * <tr><td>singleton</td><td>false</td></tr>
 * <tr><td>instances</td><td>1 (more: the supervisor runs copies {@code <name>-1} ... {@code <name>-N})</td></tr>
 * </table>
 */
public final class WorkerSpec {

	/** {@link #maxRestarts()} value meaning "no limit". */
	public static final int UNLIMITED_RESTARTS = -1;

	/** What a worker name may contain: it is used in thread names, metric tags and URLs. */
	public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#$@-]{0,127}");

	/** {@link #NAME_PATTERN} in words. */
	public static final String ALLOWED_NAME = "1 to 128 letters, digits and . _ : # $ @ -, starting with a letter or digit";

	private final String name;

	private final Worker worker;

	private final RestartPolicy restart;

	private final int maxRestarts;

	private final Duration restartWindow;

	private final Duration healthyAfter;

	private final Duration startDelay;

	private final Backoff backoff;

	private final Escalation escalation;

	private final boolean critical;

	private final boolean autoStartup;

	private final boolean singleton;

	private final int instances;

	private final int instance;

	private final @Nullable String replicaOf;

	private WorkerSpec(Builder builder) {
		this.name = builder.name;
		this.worker = builder.worker;
		this.restart = builder.restart;
		this.maxRestarts = builder.maxRestarts;
		this.restartWindow = builder.restartWindow;
		this.healthyAfter = builder.healthyAfter;
		this.startDelay = builder.startDelay;
		this.backoff = builder.backoff;
		this.escalation = builder.escalation;
		this.critical = builder.critical;
		this.autoStartup = builder.autoStartup;
		this.singleton = builder.singleton;
		this.instances = builder.instances;
		this.instance = builder.instance;
		this.replicaOf = builder.replicaOf;
	}

	/**
	 * Start describing a worker.
	 * @param name the unique name; letters, digits and {@code . _ : # $ @ -}, at most 128
	 * characters, starting with a letter or digit
	 * @param worker the code to run
	 * @return a builder holding the built-in defaults
	 * @throws InvalidSettingException if the name is missing, blank or not allowed
	 */
	public static Builder builder(String name, Worker worker) {
		return new Builder(name, worker);
	}

	/**
	 * A builder holding this spec's values, to derive a changed copy.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this.name, this.worker).settings(this)
			.singleton(this.singleton)
			.instances(this.instances)
			.instance(this.instance)
			.replicaOf(this.replicaOf);
	}

	public String name() {
		return this.name;
	}

	public Worker worker() {
		return this.worker;
	}

	public RestartPolicy restart() {
		return this.restart;
	}

	/**
	 * The most automatic restarts allowed within {@link #restartWindow()}; one more and the
	 * worker goes {@link WorkerState#FATAL}. {@link #UNLIMITED_RESTARTS} for no limit.
	 * @return the limit
	 */
	public int maxRestarts() {
		return this.maxRestarts;
	}

	public Duration restartWindow() {
		return this.restartWindow;
	}

	/**
	 * How long a run must last to count as healthy; a healthy run resets the backoff to its
	 * initial delay.
	 * @return the duration
	 */
	public Duration healthyAfter() {
		return this.healthyAfter;
	}

	public Duration startDelay() {
		return this.startDelay;
	}

	public Backoff backoff() {
		return this.backoff;
	}

	public Escalation escalation() {
		return this.escalation;
	}

	/**
	 * Whether this worker going {@link WorkerState#FATAL} makes the application unhealthy.
	 * @return {@code true} if critical
	 */
	public boolean critical() {
		return this.critical;
	}

	/**
	 * Whether the worker starts when the supervisor starts, or when it is added to a running
	 * supervisor.
	 * @return {@code true} to start automatically
	 */
	public boolean autoStartup() {
		return this.autoStartup;
	}

	/**
	 * Whether the worker is a cluster singleton: it runs only while this instance holds its
	 * leadership ({@link Supervisor#grantLeadership}) and waits in {@link WorkerState#STANDBY}
	 * otherwise.
	 * @return {@code true} for a singleton
	 */
	public boolean singleton() {
		return this.singleton;
	}

	/**
	 * How many independently supervised copies of this worker to run. With more than one, the
	 * supervisor registers copies named {@code <name>-1} ... {@code <name>-N} in a one-for-one
	 * group named {@code <name>}.
	 * @return the number of instances, 1 or more
	 */
	public int instances() {
		return this.instances;
	}

	/**
	 * Which copy this spec describes, as {@link WorkerContext#instance()} reports it.
	 * @return the instance number, from 1
	 */
	public int instance() {
		return this.instance;
	}

	/**
	 * The replicated worker this spec is a copy of, so that metrics can count its copies as one.
	 * @return the name given to {@link #builder(String, Worker)} with {@code instances} above 1,
	 * or {@code null} for a worker that is not a copy
	 */
	public @Nullable String replicaOf() {
		return this.replicaOf;
	}

	/**
	 * The spec of copy {@code instance} of a replicated worker: named {@code <name>-<instance>},
	 * a single instance itself.
	 */
	WorkerSpec copy(int instance) {
		return toBuilder().instances(1)
			.instance(instance)
			.replicaOf(this.name)
			.renamed(this.name + "-" + instance)
			.build();
	}

	@Override
	public String toString() {
		return "WorkerSpec[name=" + this.name + ", restart=" + this.restart + ", maxRestarts=" + this.maxRestarts
				+ ", restartWindow=" + this.restartWindow + ", healthyAfter=" + this.healthyAfter + ", startDelay="
				+ this.startDelay + ", " + this.backoff + ", escalation=" + this.escalation + ", critical="
				+ this.critical + ", autoStartup=" + this.autoStartup + ", singleton=" + this.singleton + ", instances="
				+ this.instances + "]";
	}

	/**
	 * Builds a {@link WorkerSpec}; {@link #build()} validates every value.
	 */
	public static final class Builder {

		// Shared: every spec built with the defaults refers to the same immutable durations.
		private static final Duration DEFAULT_RESTART_WINDOW = Duration.ofMinutes(1);

		private static final Duration DEFAULT_HEALTHY_AFTER = Duration.ofSeconds(30);

		private String name;

		private final Worker worker;

		private RestartPolicy restart = RestartPolicy.ON_FAILURE;

		private int maxRestarts = 5;

		private Duration restartWindow = DEFAULT_RESTART_WINDOW;

		private Duration healthyAfter = DEFAULT_HEALTHY_AFTER;

		private Duration startDelay = Duration.ZERO;

		private Backoff backoff = Backoff.DEFAULT;

		private Escalation escalation = Escalation.NONE;

		private boolean critical = true;

		private boolean autoStartup = true;

		private boolean singleton;

		private int instances = 1;

		private int instance = 1;

		private @Nullable String replicaOf;

		private Builder(String name, Worker worker) {
			this.name = Names.require("worker", name, NAME_PATTERN, ALLOWED_NAME);
			this.worker = worker;
		}

		/**
		 * Take how another spec is supervised: its restart policy and limits, delays, backoff,
		 * escalation, criticality and auto-startup. Not its name and worker, nor where and how
		 * many copies run ({@code singleton}, {@code instances}).
		 * @param template the spec to copy the settings of
		 * @return this builder
		 */
		public Builder settings(WorkerSpec template) {
			return restart(template.restart).maxRestarts(template.maxRestarts)
				.restartWindow(template.restartWindow)
				.healthyAfter(template.healthyAfter)
				.startDelay(template.startDelay)
				.backoff(template.backoff)
				.escalation(template.escalation)
				.critical(template.critical)
				.autoStartup(template.autoStartup);
		}

		public Builder restart(RestartPolicy restart) {
			this.restart = restart;
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

		public Builder healthyAfter(Duration healthyAfter) {
			this.healthyAfter = healthyAfter;
			return this;
		}

		public Builder startDelay(Duration startDelay) {
			this.startDelay = startDelay;
			return this;
		}

		public Builder backoff(Backoff backoff) {
			this.backoff = backoff;
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
		 * How many independently supervised copies to run.
		 * @param instances 1 or more; 1 by default
		 * @return this builder
		 * @see WorkerSpec#instances()
		 */
		public Builder instances(int instances) {
			this.instances = instances;
			return this;
		}

		Builder instance(int instance) {
			this.instance = instance;
			return this;
		}

		Builder replicaOf(@Nullable String replicaOf) {
			this.replicaOf = replicaOf;
			return this;
		}

		Builder renamed(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Validate every value and build the spec.
		 * @return the spec
		 * @throws IllegalArgumentException naming the worker, the field, the value and what is
		 * allowed
		 */
		public WorkerSpec build() {
			Names.require("worker", this.name, NAME_PATTERN, ALLOWED_NAME);
			require(this.worker != null, "worker", null, "a Worker instance");
			require(this.restart != null, "restart", null, "one of NEVER, ALWAYS, ON_FAILURE");
			require(this.maxRestarts >= UNLIMITED_RESTARTS, "maxRestarts", this.maxRestarts,
					"-1 for unlimited, or 0 and more");
			require(isPositive(this.restartWindow), "restartWindow", this.restartWindow, "a positive duration");
			require(isZeroOrMore(this.healthyAfter), "healthyAfter", this.healthyAfter, "zero or more");
			require(isZeroOrMore(this.startDelay), "startDelay", this.startDelay, "zero or more");
			require(this.backoff != null, "backoff", null, "a Backoff instance");
			require(this.escalation != null, "escalation", null, "one of NONE, SHUTDOWN");
			require(this.instances >= 1, "instances", this.instances, "1 or more");
			return new WorkerSpec(this);
		}

		private void require(boolean valid, String field, Object value, String allowed) {
			if (!valid) {
				throw new InvalidSettingException(field, value,
						"Invalid " + field + " for worker '" + this.name + "': " + value + " (allowed: " + allowed + ")");
			}
		}

		private static boolean isPositive(Duration duration) {
			return duration != null && !duration.isNegative() && !duration.isZero();
		}

		private static boolean isZeroOrMore(Duration duration) {
			return duration != null && !duration.isNegative();
		}

	}

}
