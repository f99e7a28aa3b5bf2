package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for supervised workers and processes.
 * <p>
 * Precedence for each worker setting: {@code supervisor.workers.<name>.*}, then the
 * attributes of {@code @Supervised}, then {@code supervisor.defaults.*}, then the engine's
 * built-in defaults. A key under {@code supervisor} that matches no property fails start-up.
 */
@ConfigurationProperties(prefix = "supervisor", ignoreUnknownFields = false)
public final class SupervisorProperties {

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
	 * Per-worker settings, keyed by worker name, overriding annotation attributes and defaults.
	 */
	private final Map<String, WorkerProperties> workers = new LinkedHashMap<>();

	/**
	 * External OS processes to supervise, keyed by process name.
	 */
	private final Map<String, ProcessProperties> processes = new LinkedHashMap<>();

	/**
	 * Groups of workers that start in order and restart together, keyed by group name.
	 */
	private final Map<String, GroupProperties> groups = new LinkedHashMap<>();

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

	public Map<String, GroupProperties> getGroups() {
		return this.groups;
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
	 * Micrometer meters of the supervisor.
	 */
	public static final class Metrics {

		/**
		 * Whether to publish the supervisor's Micrometer meters.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
