package dev.supervisor.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.RestartPolicy;

/**
 * Configuration properties for supervised workers and processes.
 * <p>
 * Precedence for each worker setting: {@code supervisor.workers.<name>.*}, then the
 * attributes of {@code @Supervised}, then {@code supervisor.defaults.*}, whose initial values
 * are the engine's built-in defaults.
 */
@ConfigurationProperties("supervisor")
public final class SupervisorProperties implements InitializingBean {

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
	private final Defaults defaults = new Defaults();

	/**
	 * Per-worker settings, keyed by worker name, overriding annotation attributes and defaults.
	 */
	private final Map<String, Worker> workers = new LinkedHashMap<>();

	/**
	 * External OS processes to supervise, keyed by process name.
	 */
	private final Map<String, Process> processes = new LinkedHashMap<>();

	/**
	 * Web dashboard that shows the workers read from the supervisor actuator endpoint.
	 */
	private final Dashboard dashboard = new Dashboard();

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

	public Defaults getDefaults() {
		return this.defaults;
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

	private static String key(String prefix, String name) {
		return name.matches("[a-z0-9-]+") ? prefix + "." + name : prefix + "[" + name + "]";
	}

	public Map<String, Worker> getWorkers() {
		return this.workers;
	}

	public Map<String, Process> getProcesses() {
		return this.processes;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	@Override
	public void afterPropertiesSet() {
		new SupervisorPropertiesValidator(this).validate();
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

	/**
	 * Settings for every worker and process; the initial values are the engine's built-in
	 * defaults.
	 */
	public static final class Defaults {

		/**
		 * When to restart a worker after a run ends.
		 */
		private RestartPolicy restart = RestartPolicy.ON_FAILURE;

		/**
		 * Maximum number of restarts within the restart window before a worker is given up; -1
		 * for no limit.
		 */
		private int maxRestarts = 5;

		/**
		 * Time window that the maximum number of restarts applies to.
		 */
		private Duration restartWindow = Duration.ofMinutes(1);

		/**
		 * How long a run must last to reset the backoff to its initial delay.
		 */
		private Duration healthyAfter = Duration.ofSeconds(30);

		/**
		 * How long to wait before a worker's first run.
		 */
		private Duration startDelay = Duration.ZERO;

		/**
		 * What to do when a worker breaches its restart limit.
		 */
		private Escalation escalation = Escalation.NONE;

		/**
		 * Whether a worker that is given up makes the application unhealthy.
		 */
		private boolean critical = true;

		/**
		 * Delay before each automatic restart.
		 */
		private final Backoff backoff = new Backoff();

		public RestartPolicy getRestart() {
			return this.restart;
		}

		public void setRestart(RestartPolicy restart) {
			this.restart = restart;
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

		public Duration getHealthyAfter() {
			return this.healthyAfter;
		}

		public void setHealthyAfter(Duration healthyAfter) {
			this.healthyAfter = healthyAfter;
		}

		public Duration getStartDelay() {
			return this.startDelay;
		}

		public void setStartDelay(Duration startDelay) {
			this.startDelay = startDelay;
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

		public Backoff getBackoff() {
			return this.backoff;
		}

	}

	/**
	 * Default delay before each automatic restart.
	 */
	public static final class Backoff {

		/**
		 * Delay before the first restart.
		 */
		private Duration initial = Duration.ofSeconds(1);

		/**
		 * Maximum delay before a restart.
		 */
		private Duration max = Duration.ofMinutes(1);

		/**
		 * Factor by which the delay grows after each restart; 1.0 gives a fixed delay.
		 */
		private double multiplier = 2.0;

		/**
		 * Random spread of each delay as a fraction from 0.0 (none) to 1.0.
		 */
		private double jitter = 0.2;

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Settings of one supervised worker; each overrides annotation attributes and defaults,
	 * {@code null} meaning not set.
	 */
	public static class Worker {

		/**
		 * Whether to register the worker at all.
		 */
		private boolean enabled = true;

		/**
		 * Whether the worker starts with the application.
		 */
		private @Nullable Boolean autoStartup;

		/**
		 * When to restart after a run ends.
		 */
		private @Nullable RestartPolicy restart;

		/**
		 * Maximum number of restarts within the restart window; -1 for no limit.
		 */
		private @Nullable Integer maxRestarts;

		/**
		 * Time window that the maximum number of restarts applies to.
		 */
		private @Nullable Duration restartWindow;

		/**
		 * How long a run must last to reset the backoff to its initial delay.
		 */
		private @Nullable Duration healthyAfter;

		/**
		 * How long to wait before the first run.
		 */
		private @Nullable Duration startDelay;

		/**
		 * What to do when the restart limit is breached.
		 */
		private @Nullable Escalation escalation;

		/**
		 * Whether being given up makes the application unhealthy.
		 */
		private @Nullable Boolean critical;

		/**
		 * Delay before each automatic restart.
		 */
		private final BackoffPolicy backoff = new BackoffPolicy();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(@Nullable Boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public @Nullable RestartPolicy getRestart() {
			return this.restart;
		}

		public void setRestart(@Nullable RestartPolicy restart) {
			this.restart = restart;
		}

		public @Nullable Integer getMaxRestarts() {
			return this.maxRestarts;
		}

		public void setMaxRestarts(@Nullable Integer maxRestarts) {
			this.maxRestarts = maxRestarts;
		}

		public @Nullable Duration getRestartWindow() {
			return this.restartWindow;
		}

		public void setRestartWindow(@Nullable Duration restartWindow) {
			this.restartWindow = restartWindow;
		}

		public @Nullable Duration getHealthyAfter() {
			return this.healthyAfter;
		}

		public void setHealthyAfter(@Nullable Duration healthyAfter) {
			this.healthyAfter = healthyAfter;
		}

		public @Nullable Duration getStartDelay() {
			return this.startDelay;
		}

		public void setStartDelay(@Nullable Duration startDelay) {
			this.startDelay = startDelay;
		}

		public @Nullable Escalation getEscalation() {
			return this.escalation;
		}

		public void setEscalation(@Nullable Escalation escalation) {
			this.escalation = escalation;
		}

		public @Nullable Boolean getCritical() {
			return this.critical;
		}

		public void setCritical(@Nullable Boolean critical) {
			this.critical = critical;
		}

		public BackoffPolicy getBackoff() {
			return this.backoff;
		}

	}

	/**
	 * Backoff settings of one worker or process; {@code null} means not set.
	 */
	public static final class BackoffPolicy {

		/**
		 * Delay before the first restart.
		 */
		private @Nullable Duration initial;

		/**
		 * Maximum delay before a restart.
		 */
		private @Nullable Duration max;

		/**
		 * Factor by which the delay grows after each restart.
		 */
		private @Nullable Double multiplier;

		/**
		 * Random spread of each delay as a fraction from 0.0 to 1.0.
		 */
		private @Nullable Double jitter;

		public @Nullable Duration getInitial() {
			return this.initial;
		}

		public void setInitial(@Nullable Duration initial) {
			this.initial = initial;
		}

		public @Nullable Duration getMax() {
			return this.max;
		}

		public void setMax(@Nullable Duration max) {
			this.max = max;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Double getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Settings of one supervised OS process: a worker's settings plus the command.
	 */
	public static final class Process extends Worker {

		/**
		 * Command line to run, program first; not run through a shell.
		 */
		private List<String> command = new ArrayList<>();

		/**
		 * Working directory of the process; the application's own when not set.
		 */
		private @Nullable File workingDirectory;

		/**
		 * Environment variables added to the application's environment for the process.
		 */
		private Map<String, String> environment = new LinkedHashMap<>();

		/**
		 * How long to wait after SIGTERM before the process and its descendants are killed.
		 */
		private Duration stopTimeout = Duration.ofSeconds(10);

		/**
		 * Exit codes that count as a successful run.
		 */
		private List<Integer> successExitCodes = new ArrayList<>(List.of(0));

		/**
		 * Number of recent output lines kept in memory.
		 */
		private int outputLines = 200;

		public List<String> getCommand() {
			return this.command;
		}

		public void setCommand(List<String> command) {
			this.command = command;
		}

		public @Nullable File getWorkingDirectory() {
			return this.workingDirectory;
		}

		public void setWorkingDirectory(@Nullable File workingDirectory) {
			this.workingDirectory = workingDirectory;
		}

		public Map<String, String> getEnvironment() {
			return this.environment;
		}

		public void setEnvironment(Map<String, String> environment) {
			this.environment = environment;
		}

		public Duration getStopTimeout() {
			return this.stopTimeout;
		}

		public void setStopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
		}

		public List<Integer> getSuccessExitCodes() {
			return this.successExitCodes;
		}

		public void setSuccessExitCodes(List<Integer> successExitCodes) {
			this.successExitCodes = successExitCodes;
		}

		public int getOutputLines() {
			return this.outputLines;
		}

		public void setOutputLines(int outputLines) {
			this.outputLines = outputLines;
		}

	}

}
