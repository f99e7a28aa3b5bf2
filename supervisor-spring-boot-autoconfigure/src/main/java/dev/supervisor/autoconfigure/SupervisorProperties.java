package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Configuration properties for supervised workers and processes.
 * <p>
 * Precedence for each worker setting: {@code supervisor.workers.<name>.*}, then the
 * attributes of {@code @Supervised}, then {@code supervisor.defaults.*}, then the engine's
 * built-in defaults.
 * <p>
 * A key under {@code supervisor} that matches no property fails start-up with Spring Boot's
 * report, as {@code ignoreUnknownFields = false} would make it, except for environment
 * variables: tools such as supervisord give the processes they start {@code SUPERVISOR_*}
 * variables of their own, which must not stop the application.
 */
@ConfigurationProperties("supervisor")
public final class SupervisorProperties implements EnvironmentAware, InitializingBean {

	private @Nullable Environment environment;

	/**
	 * Whether to register and start supervised workers.
	 */
	private boolean enabled = true;

	/**
	 * Maximum time to wait for workers to stop when the application shuts down.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Kind of threads that run workers; 'auto' uses virtual threads when
	 * spring.threads.virtual.enabled is true on Java 21 or later.
	 */
	private Threads threads = Threads.AUTO;

	/**
	 * Settings that apply to every worker and process unless overridden.
	 */
	@NestedConfigurationProperty
	private final WorkerProperties defaults = new WorkerProperties();

	/**
	 * Micrometer meters of the supervisor.
	 */
	private final Metrics metrics = new Metrics();

	/**
	 * Micrometer observations of worker runs.
	 */
	private final Observations observations = new Observations();

	/**
	 * Per-worker settings, keyed by worker name, overriding annotation attributes and defaults.
	 */
	private final Map<String, WorkerProperties> workers = new LinkedHashMap<>();

	/**
	 * External OS processes to supervise, keyed by process name.
	 */
	private final Map<String, ProcessProperties> processes = new LinkedHashMap<>();

	/**
	 * How singleton workers are elected across the instances of a cluster.
	 */
	private final Cluster cluster = new Cluster();

	/**
	 * Groups of workers that start in order and restart together, keyed by group name.
	 */
	private final Map<String, GroupProperties> groups = new LinkedHashMap<>();

	/**
	 * Worker tables, keyed by table name: refresh, read timeout and settings of their workers.
	 */
	private final Map<String, TableProperties> tables = new LinkedHashMap<>();

	/**
	 * Web dashboard that shows the workers read from the supervisor actuator endpoint.
	 */
	private final Dashboard dashboard = new Dashboard();

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Fail on keys that match no property, with Boot's own handler and report.
	 */
	@Override
	public void afterPropertiesSet() {
		this.cluster.validate();
		if (this.environment == null) {
			return;
		}
		new Binder(ConfigurationPropertySources.get(this.environment)).bind("supervisor",
				Bindable.of(SupervisorProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
						(source) -> !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)));
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Threads getThreads() {
		return this.threads;
	}

	public void setThreads(Threads threads) {
		this.threads = threads;
	}

	public WorkerProperties getDefaults() {
		return this.defaults;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Whether the workers of a worker table or the copies of a replicated worker are tagged each
	 * with its own name: {@code supervisor.metrics.per-key-tags} for all of them,
	 * {@code supervisor.tables.<name>.per-key-tags} for one table.
	 * @param tableOrReplicatedWorker the name of the table or replicated worker
	 * @return {@code true} for one series per worker
	 */
	public boolean perKeyTags(String tableOrReplicatedWorker) {
		TableProperties table = this.tables.get(tableOrReplicatedWorker);
		return this.metrics.isPerKeyTags() || (table != null && table.isPerKeyTags());
	}

	public Observations getObservations() {
		return this.observations;
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

	private static String key(String prefix, String name) {
		return name.matches("[a-z0-9-]+") ? prefix + "." + name : prefix + "[" + name + "]";
	}

	public Map<String, WorkerProperties> getWorkers() {
		return this.workers;
	}

	public Map<String, ProcessProperties> getProcesses() {
		return this.processes;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	public Map<String, GroupProperties> getGroups() {
		return this.groups;
	}

	public Map<String, TableProperties> getTables() {
		return this.tables;
	}

	/**
	 * The property key of one worker table's settings; see {@link #workerKey(String)}.
	 * @param name the table's name
	 * @return such as {@code supervisor.tables.tenants}
	 */
	public static String tableKey(String name) {
		return key("supervisor.tables", name);
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
	 */
	public static final class Cluster {

		/**
		 * How singletons are elected: 'lock-registry' through the application's LockRegistry
		 * bean, 'local' on every instance without election (development or a single instance).
		 */
		private ClusterMode mode = ClusterMode.LOCK_REGISTRY;

		/**
		 * How long a lock lives without renewal: how long a dead holder blocks a takeover.
		 * Applies to the JDBC lock registry created here; a user-defined LockRegistry must be
		 * given the same time-to-live.
		 */
		private Duration lockTtl = Duration.ofSeconds(10);

		/**
		 * How much earlier than its lock a holder's lease ends, so that its singleton has
		 * stopped before another instance could acquire the lock; must be less than lock-ttl.
		 */
		private Duration fencingMargin = Duration.ofSeconds(2);

		public ClusterMode getMode() {
			return this.mode;
		}

		public void setMode(ClusterMode mode) {
			this.mode = mode;
		}

		public Duration getLockTtl() {
			return this.lockTtl;
		}

		public void setLockTtl(Duration lockTtl) {
			this.lockTtl = lockTtl;
		}

		public Duration getFencingMargin() {
			return this.fencingMargin;
		}

		public void setFencingMargin(Duration fencingMargin) {
			this.fencingMargin = fencingMargin;
		}

		/**
		 * The time a holder's lease lasts after each renewal of its lock.
		 * @return lock-ttl minus fencing-margin
		 */
		public Duration leaseValidity() {
			return this.lockTtl.minus(this.fencingMargin);
		}

		void validate() {
			if (this.lockTtl == null || this.lockTtl.isNegative() || this.lockTtl.isZero()) {
				throw new InvalidConfigurationPropertyValueException("supervisor.cluster.lock-ttl", this.lockTtl,
						"Allowed: a duration greater than zero, such as 10s");
			}
			if (this.fencingMargin == null || this.fencingMargin.isNegative()
					|| this.fencingMargin.compareTo(this.lockTtl) >= 0) {
				throw new InvalidConfigurationPropertyValueException("supervisor.cluster.fencing-margin",
						this.fencingMargin, "Allowed: a duration of zero or more and less than supervisor.cluster.lock-ttl ("
								+ this.lockTtl.toMillis() + "ms)");
			}
		}

	}

	/**
	 * Micrometer observations of worker runs.
	 */
	public static final class Observations {

		/**
		 * Whether to make each run of each worker an observation (a span with Micrometer
		 * Tracing) when an ObservationRegistry bean exists.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
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
	 * Micrometer meters of the supervisor.
	 */
	public static final class Metrics {

		/**
		 * Whether to publish the supervisor's Micrometer meters.
		 */
		private boolean enabled = true;

		/**
		 * Whether the workers of every worker table and the copies of every replicated worker
		 * are tagged each with its own name (one series per worker) rather than with the
		 * table's or replicated worker's name.
		 */
		private boolean perKeyTags = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isPerKeyTags() {
			return this.perKeyTags;
		}

		public void setPerKeyTags(boolean perKeyTags) {
			this.perKeyTags = perKeyTags;
		}

	}

	/**
	 * The web dashboard, served by a servlet web application next to its actuator.
	 */
	public static final class Dashboard {

		/**
		 * Whether to serve the dashboard; it needs a servlet web application and the actuator.
		 */
		private boolean enabled = false;

		/**
		 * Path the dashboard is served under, such as /supervisor.
		 */
		private String path = "/supervisor";

		/**
		 * How often the dashboard reads the supervisor endpoint again.
		 */
		private Duration refresh = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getRefresh() {
			return this.refresh;
		}

		public void setRefresh(Duration refresh) {
			this.refresh = refresh;
		}

	}

}
