package dev.supervisor.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.supervisor.autoconfigure.SupervisorProperties.Backoff;
import dev.supervisor.autoconfigure.SupervisorProperties.BackoffPolicy;
import dev.supervisor.autoconfigure.SupervisorProperties.Dashboard;
import dev.supervisor.autoconfigure.SupervisorProperties.Defaults;
import dev.supervisor.autoconfigure.SupervisorProperties.Process;
import dev.supervisor.autoconfigure.SupervisorProperties.Worker;
import dev.supervisor.autoconfigure.diagnostics.InvalidSupervisorPropertyException;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.process.ProcessSpec;

/**
 * Checks every bound {@code supervisor.*} value on its own, so that a bad value fails start-up
 * naming its full key. Values that interact across levels (a worker's backoff maximum against
 * an initial delay from the defaults) are checked when each worker's settings are merged.
 */
final class SupervisorPropertiesValidator {

	static final String ZERO_OR_MORE = "a duration of zero or more, such as 0s, 500ms or 10s";

	static final String POSITIVE = "a duration greater than zero, such as 500ms, 30s or 1m";

	static final String MAX_RESTARTS = "-1 for unlimited, or 0 and more";

	static final String MULTIPLIER = "a number of 1.0 or more (1.0 gives a fixed delay)";

	static final String JITTER = "a fraction from 0.0 to 1.0";

	static final String DASHBOARD_PATH = "a path of one or more segments of letters, digits and - _ . ~, "
			+ "starting with / and not ending with it, such as /supervisor or /ops/workers";

	static final String DASHBOARD_REFRESH = "a duration from 100ms to 1h, such as 1s or 5s";

	private static final Pattern DASHBOARD_PATH_PATTERN = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private static final Duration MIN_DASHBOARD_REFRESH = Duration.ofMillis(100);

	private static final Duration MAX_DASHBOARD_REFRESH = Duration.ofHours(1);

	private final SupervisorProperties properties;

	SupervisorPropertiesValidator(SupervisorProperties properties) {
		this.properties = properties;
	}

	void validate() {
		zeroOrMore("supervisor.shutdown-timeout", this.properties.getShutdownTimeout());
		required("supervisor.threads", this.properties.getThreads(), "auto, platform or virtual");
		validateDefaults("supervisor.defaults.", this.properties.getDefaults());
		for (Map.Entry<String, Worker> entry : this.properties.getWorkers().entrySet()) {
			validateWorker(SupervisorProperties.workerKey(entry.getKey()) + ".", entry.getValue());
		}
		for (Map.Entry<String, Process> entry : this.properties.getProcesses().entrySet()) {
			validateProcess(SupervisorProperties.processKey(entry.getKey()), entry.getKey(), entry.getValue());
		}
		validateDashboard(this.properties.getDashboard());
	}

	private void validateDashboard(Dashboard dashboard) {
		String path = dashboard.getPath();
		if (path == null || !DASHBOARD_PATH_PATTERN.matcher(path).matches()) {
			throw new InvalidSupervisorPropertyException("supervisor.dashboard.path", (path != null) ? path : "",
					DASHBOARD_PATH);
		}
		Duration refresh = dashboard.getRefresh();
		if (refresh == null || refresh.compareTo(MIN_DASHBOARD_REFRESH) < 0 || refresh.compareTo(MAX_DASHBOARD_REFRESH) > 0) {
			throw new InvalidSupervisorPropertyException("supervisor.dashboard.refresh", (refresh != null) ? refresh : "",
					DASHBOARD_REFRESH);
		}
	}

	private void validateDefaults(String prefix, Defaults defaults) {
		required(prefix + "restart", defaults.getRestart(), "never, always or on-failure");
		maxRestarts(prefix + "max-restarts", defaults.getMaxRestarts());
		positive(prefix + "restart-window", defaults.getRestartWindow());
		zeroOrMore(prefix + "healthy-after", defaults.getHealthyAfter());
		zeroOrMore(prefix + "start-delay", defaults.getStartDelay());
		required(prefix + "escalation", defaults.getEscalation(), "none or shutdown");
		Backoff backoff = defaults.getBackoff();
		zeroOrMore(prefix + "backoff.initial", backoff.getInitial());
		zeroOrMore(prefix + "backoff.max", backoff.getMax());
		if (backoff.getMax().compareTo(backoff.getInitial()) < 0) {
			throw new InvalidSupervisorPropertyException(prefix + "backoff.max", backoff.getMax(),
					"a duration of at least " + prefix + "backoff.initial ("
							+ InvalidSupervisorPropertyException.describe(backoff.getInitial()) + ")");
		}
		multiplier(prefix + "backoff.multiplier", backoff.getMultiplier());
		jitter(prefix + "backoff.jitter", backoff.getJitter());
	}

	private void validateWorker(String prefix, Worker worker) {
		if (worker.getMaxRestarts() != null) {
			maxRestarts(prefix + "max-restarts", worker.getMaxRestarts());
		}
		if (worker.getRestartWindow() != null) {
			positive(prefix + "restart-window", worker.getRestartWindow());
		}
		if (worker.getHealthyAfter() != null) {
			zeroOrMore(prefix + "healthy-after", worker.getHealthyAfter());
		}
		if (worker.getStartDelay() != null) {
			zeroOrMore(prefix + "start-delay", worker.getStartDelay());
		}
		BackoffPolicy backoff = worker.getBackoff();
		if (backoff.getInitial() != null) {
			zeroOrMore(prefix + "backoff.initial", backoff.getInitial());
		}
		if (backoff.getMax() != null) {
			zeroOrMore(prefix + "backoff.max", backoff.getMax());
		}
		if (backoff.getMultiplier() != null) {
			multiplier(prefix + "backoff.multiplier", backoff.getMultiplier());
		}
		if (backoff.getJitter() != null) {
			jitter(prefix + "backoff.jitter", backoff.getJitter());
		}
	}

	private void validateProcess(String key, String name, Process process) {
		if (!WorkerSpec.NAME_PATTERN.matcher(name).matches()) {
			throw new InvalidSupervisorPropertyException(key, name,
					"a name of 1 to 128 letters, digits and . _ : # $ @ -, starting with a letter or digit");
		}
		String prefix = key + ".";
		validateWorker(prefix, process);
		List<String> command = process.getCommand();
		if (command == null || command.isEmpty() || command.stream().anyMatch((part) -> part == null || part.isBlank())) {
			throw new InvalidSupervisorPropertyException(prefix + "command", command,
					"a non-empty list: the program, then its arguments, none blank");
		}
		File workingDirectory = process.getWorkingDirectory();
		if (workingDirectory != null && !workingDirectory.isDirectory()) {
			throw new InvalidSupervisorPropertyException(prefix + "working-directory", workingDirectory,
					"an existing directory");
		}
		zeroOrMore(prefix + "stop-timeout", process.getStopTimeout());
		List<Integer> codes = process.getSuccessExitCodes();
		if (codes == null || codes.isEmpty() || codes.stream().anyMatch((code) -> code == null || code < 0 || code > 255)) {
			throw new InvalidSupervisorPropertyException(prefix + "success-exit-codes", codes,
					"a non-empty list of exit codes from 0 to 255, such as [0]");
		}
		if (process.getOutputLines() < 0 || process.getOutputLines() > ProcessSpec.MAX_OUTPUT_LINES) {
			throw new InvalidSupervisorPropertyException(prefix + "output-lines", process.getOutputLines(),
					"0 to " + ProcessSpec.MAX_OUTPUT_LINES + " lines");
		}
	}

	private static void required(String key, @Nullable Object value, String allowed) {
		if (value == null) {
			throw new InvalidSupervisorPropertyException(key, "", allowed);
		}
	}

	private static void maxRestarts(String key, int value) {
		if (value < WorkerSpec.UNLIMITED_RESTARTS) {
			throw new InvalidSupervisorPropertyException(key, value, MAX_RESTARTS);
		}
	}

	private static void zeroOrMore(String key, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidSupervisorPropertyException(key, (value != null) ? value : "", ZERO_OR_MORE);
		}
	}

	private static void positive(String key, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSupervisorPropertyException(key, (value != null) ? value : "", POSITIVE);
		}
	}

	private static void multiplier(String key, double value) {
		if (!Double.isFinite(value) || value < 1.0) {
			throw new InvalidSupervisorPropertyException(key, value, MULTIPLIER);
		}
	}

	private static void jitter(String key, double value) {
		if (!Double.isFinite(value) || value < 0.0 || value > 1.0) {
			throw new InvalidSupervisorPropertyException(key, value, JITTER);
		}
	}

}
