package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;

/**
 * Configuration properties for supervised workers and processes, bound through the
 * constructor.
 * <p>
 * Precedence for each worker setting: {@code supervisor.workers.<name>.*}, then the
 * attributes of {@code @Supervised}, then {@code supervisor.defaults.*}, then the engine's
 * built-in defaults.
 * <p>
 * A key under {@code supervisor} that matches no property fails start-up: see
 * {@link SupervisorAutoConfiguration}.
 *
 * @param enabled Whether to register and start supervised workers.
 * @param shutdownTimeout Maximum time to wait for workers to stop when the application shuts
 * down.
 * @param threads Kind of threads that run workers; 'auto' uses virtual threads when
 * spring.threads.virtual.enabled is true on Java 21 or later.
 * @param defaults Settings that apply to every worker and process unless overridden.
 * @param metrics Micrometer meters of the supervisor.
 * @param observations Micrometer observations of worker runs.
 * @param workers Per-worker settings, keyed by worker name, overriding annotation attributes
 * and defaults.
 * @param processes External OS processes to supervise, keyed by process name.
 * @param cluster How singleton workers are elected across the instances of a cluster.
 * @param groups Groups of workers that start in order and restart together, keyed by group
 * name.
 * @param tables Worker tables, keyed by table name: refresh, read timeout and settings of their
 * workers.
 * @param dashboard Web dashboard that shows the workers read from the supervisor actuator
 * endpoint.
 */
@ConfigurationProperties("supervisor")
public record SupervisorProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30s") Duration shutdownTimeout, @DefaultValue("auto") Threads threads,
		@DefaultValue @NestedConfigurationProperty WorkerProperties defaults, @DefaultValue Metrics metrics,
		@DefaultValue Observations observations, @DefaultValue Map<String, WorkerProperties> workers,
		@DefaultValue Map<String, ProcessProperties> processes, @DefaultValue Cluster cluster,
		@DefaultValue Map<String, GroupProperties> groups, @DefaultValue Map<String, TableProperties> tables,
		@DefaultValue Dashboard dashboard) {

	/**
	 * Whether the workers of a worker table or the copies of a replicated worker are tagged each
	 * with its own name: {@code supervisor.metrics.per-key-tags} for all of them,
	 * {@code supervisor.tables.<name>.per-key-tags} for one table.
	 * @param tableOrReplicatedWorker the name of the table or replicated worker
	 * @return {@code true} for one series per worker
	 */
	public boolean perKeyTags(String tableOrReplicatedWorker) {
		TableProperties table = this.tables.get(tableOrReplicatedWorker);
		return this.metrics.perKeyTags() || (table != null && table.perKeyTags());
	}

	/**
	 * The property key of one worker's settings, as a user writes it: a name that holds
	 * anything but lower-case letters, digits and dashes (such as {@code orders.poll}) needs
	 * brackets, or it would bind to another name.
	 * @param name the worker's name
	 * @return such as {@code supervisor.workers.mailer} or {@code supervisor.workers[orders.poll]}
	 */
	public static String workerKey(String name) {
		return key("supervisor.workers", name);
	}

	/**
	 * The property key of one process's settings; see {@link #workerKey(String)}.
	 * @param name the process's name
	 * @return such as {@code supervisor.processes.redis}
	 */
	public static String processKey(String name) {
		return key("supervisor.processes", name);
	}

	/**
	 * The property key of one group's settings; see {@link #workerKey(String)}.
	 * @param name the group's name
	 * @return such as {@code supervisor.groups.pipeline}
	 */
	public static String groupKey(String name) {
		return key("supervisor.groups", name);
	}

	/**
	 * The property key of one worker table's settings; see {@link #workerKey(String)}.
	 * @param name the table's name
	 * @return such as {@code supervisor.tables.tenants}
	 */
	public static String tableKey(String name) {
		return key("supervisor.tables", name);
	}

	private static String key(String prefix, String name) {
		return name.matches("[a-z0-9-]+") ? prefix + "." + name : prefix + "[" + name + "]";
	}

	/**
	 * Kinds of threads for workers.
	 */
	public enum Threads {

		/**
		 * Virtual threads when spring.threads.virtual.enabled is true on Java 21 or later, else
		 * platform threads.
		 */
		AUTO,

		/**
		 * Platform threads, as daemon threads.
		 */
		PLATFORM,

		/**
		 * Virtual threads; needs Java 21 or later.
		 */
		VIRTUAL

	}

	/**
	 * How singleton workers are elected across the instances of a cluster.
	 *
	 * @param mode How singletons are elected: 'lock-registry' through the application's
	 * LockRegistry bean, 'local' on every instance without election (development or a single
	 * instance).
	 * @param lockTtl How long a lock lives without renewal: how long a dead holder blocks a
	 * takeover. Applies to the JDBC lock registry created here; a user-defined LockRegistry must
	 * be given the same time-to-live.
	 * @param fencingMargin How much earlier than its lock a holder's lease ends, so that its
	 * singleton has stopped before another instance could acquire the lock; must be less than
	 * lock-ttl.
	 */
	public record Cluster(@DefaultValue("lock-registry") ClusterMode mode, @DefaultValue("10s") Duration lockTtl,
			@DefaultValue("2s") Duration fencingMargin) {

		/**
		 * Refuse a lock-ttl of zero or less and a fencing-margin outside zero to lock-ttl. Not
		 * a compact constructor: the binder would wrap the exception, and Spring Boot's report
		 * would lose where the value was set.
		 */
		void validate() {
			if (this.lockTtl.isNegative() || this.lockTtl.isZero()) {
				throw new InvalidConfigurationPropertyValueException("supervisor.cluster.lock-ttl",
						DurationStyle.SIMPLE.print(this.lockTtl), "Allowed: a duration greater than zero, such as 10s");
			}
			if (this.fencingMargin.isNegative() || this.fencingMargin.compareTo(this.lockTtl) >= 0) {
				throw new InvalidConfigurationPropertyValueException("supervisor.cluster.fencing-margin",
						DurationStyle.SIMPLE.print(this.fencingMargin),
						"Allowed: a duration of zero or more and less than supervisor.cluster.lock-ttl ("
								+ this.lockTtl.toMillis() + "ms)");
			}
		}

	}

	/**
	 * Ways of electing singletons.
	 */
	public enum ClusterMode {

		/**
		 * Elect each singleton through the application's LockRegistry; start-up fails without
		 * one.
		 */
		LOCK_REGISTRY,

		/**
		 * Run singletons on this instance without election, with a warning.
		 */
		LOCAL

	}

	/**
	 * Micrometer observations of worker runs.
	 *
	 * @param enabled Whether to make each run of each worker an observation (a span with
	 * Micrometer Tracing) when an ObservationRegistry bean exists.
	 */
	public record Observations(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * Micrometer meters of the supervisor.
	 *
	 * @param enabled Whether to publish the supervisor's Micrometer meters.
	 * @param perKeyTags Whether the workers of every worker table and the copies of every
	 * replicated worker are tagged each with its own name (one series per worker) rather than
	 * with the table's or replicated worker's name.
	 */
	public record Metrics(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean perKeyTags) {

	}

	/**
	 * The web dashboard, served by a servlet web application next to its actuator.
	 *
	 * @param enabled Whether to serve the dashboard; it needs a servlet web application and the
	 * actuator.
	 * @param path Path the dashboard is served under, such as /supervisor.
	 * @param refresh How often the dashboard reads the supervisor endpoint again.
	 */
	public record Dashboard(@DefaultValue("false") boolean enabled, @DefaultValue("/supervisor") String path,
			@DefaultValue("1s") Duration refresh) {

	}

}
