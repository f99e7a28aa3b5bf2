package dev.supervisor.spring.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;
import dev.supervisor.spring.registration.WorkerSettingsLevels.Path;

/**
 * Turns a {@link WorkerDefinition} into a {@link WorkerSpec}: merges its settings once, each
 * from the first level that sets it ({@code supervisor.workers.<name>} or
 * {@code supervisor.processes.<name>}, then the definition's own settings such as
 * {@code @Supervised} attributes, then {@code supervisor.defaults}, then the engine's built-in
 * defaults), and lets the engine's builders validate the result.
 * <p>
 * When the engine refuses a value, the failure names the setting that brought it: levels are
 * applied from the lowest, and within the first level that the engine refuses, each of its
 * settings is tried alone. A bad property fails start-up with an
 * {@link InvalidConfigurationPropertyValueException}, which Spring Boot reports with the key, the
 * value and where it was set; a bad annotation attribute with an
 * {@link InvalidWorkerDefinitionException} naming the declaration. When the value is refused only
 * together with a value from a lower level (a worker's {@code backoff.max} below the default
 * {@code backoff.initial}), the report names that one too.
 */
public final class WorkerSpecFactory {

	private static final Pattern ISO_DURATION = Pattern.compile("-?PT[-0-9.HMS]+");

	private final SupervisorProperties properties;

	public WorkerSpecFactory(SupervisorProperties properties) {
		this.properties = properties;
	}

	/**
	 * The merged settings of a worker found in the application, overridden by
	 * {@code supervisor.workers.<name>} (or {@code supervisor.processes.<name>} for a process).
	 * @param definition the worker
	 * @return the settings, {@code null} where no level sets a value
	 */
	public WorkerProperties settings(WorkerDefinition definition) {
		WorkerProperties merged = new WorkerProperties();
		for (Level level : levels(definition)) {
			merged = WorkerSettingsLevels.merge(merged, level.settings());
		}
		return merged;
	}

	/**
	 * Create the spec of a worker found in the application, overridden by
	 * {@code supervisor.workers.<name>}.
	 * @param definition the worker
	 * @return the spec
	 * @throws InvalidConfigurationPropertyValueException if a property holds a value the engine
	 * refuses
	 * @throws InvalidWorkerDefinitionException if the definition's own settings are refused
	 */
	public WorkerSpec create(WorkerDefinition definition) {
		return create(definition, levels(definition));
	}

	private List<Level> levels(WorkerDefinition definition) {
		String name = definition.name();
		WorkerProperties worker = this.properties.getWorkers().get(name);
		WorkerProperties process = this.properties.getProcesses().get(name);
		Level overrides = (worker == null && process != null)
				? Level.property(SupervisorProperties.processKey(name), process)
				: Level.property(SupervisorProperties.workerKey(name), (worker != null) ? worker : new WorkerProperties());
		return List.of(Level.property("supervisor.defaults", this.properties.getDefaults()),
				Level.declaration(definition), overrides);
	}

	private WorkerSpec create(WorkerDefinition definition, List<Level> levels) {
		WorkerProperties merged = new WorkerProperties();
		buildOrFail(definition, merged, (message) -> {
			throw new InvalidWorkerDefinitionException(
					"Invalid worker declared by " + definition.description() + ": " + message,
					"Give the worker a valid name");
		});
		for (int i = 0; i < levels.size(); i++) {
			Level level = levels.get(i);
			WorkerProperties next = WorkerSettingsLevels.merge(merged, level.settings());
			if (build(definition, next) instanceof String) {
				fail(definition, levels, i, merged);
			}
			merged = next;
		}
		return (WorkerSpec) build(definition, merged);
	}

	/**
	 * Report the setting of level {@code index} that the engine refuses on top of
	 * {@code below}.
	 */
	private void fail(WorkerDefinition definition, List<Level> levels, int index, WorkerProperties below) {
		Level level = levels.get(index);
		List<Path> set = WorkerSettingsLevels.setPaths(level.settings());
		for (Path path : set) {
			if (build(definition, WorkerSettingsLevels.merge(below, level.settings(), List.of(path))) instanceof String reason) {
				level.reject(definition, path, reason + conflicts(definition, levels, index, path));
			}
		}
		// Refused only as a whole: blame the first setting of the level.
		Object result = build(definition, WorkerSettingsLevels.merge(below, level.settings()));
		level.reject(definition, set.get(0), (String) result);
	}

	/**
	 * Which values of lower levels make a value refused that the built-in defaults accept.
	 */
	private String conflicts(WorkerDefinition definition, List<Level> levels, int index, Path path) {
		Level level = levels.get(index);
		if (build(definition, WorkerSettingsLevels.merge(new WorkerProperties(), level.settings(), List.of(path))) instanceof String) {
			return "";
		}
		List<String> culprits = new ArrayList<>();
		for (Level lower : levels.subList(0, index)) {
			for (Path other : WorkerSettingsLevels.setPaths(lower.settings())) {
				WorkerProperties pair = WorkerSettingsLevels.merge(
						WorkerSettingsLevels.merge(new WorkerProperties(), lower.settings(), List.of(other)),
						level.settings(), List.of(path));
				if (build(definition, pair) instanceof String) {
					culprits.add(lower.describe(other) + "=" + describe(WorkerSettingsLevels.value(lower.settings(), other)));
				}
			}
		}
		return culprits.isEmpty() ? "" : "; it conflicts with " + String.join(", ", culprits);
	}

	private static void buildOrFail(WorkerDefinition definition, WorkerProperties settings, Consumer<String> failure) {
		if (build(definition, settings) instanceof String message) {
			failure.accept(message);
		}
	}

	/**
	 * The spec, or the engine's reason for refusing it.
	 */
	private static Object build(WorkerDefinition definition, WorkerProperties settings) {
		try {
			return toSpec(definition.name(), definition.worker(), settings);
		}
		catch (IllegalArgumentException ex) {
			return humanize(String.valueOf(ex.getMessage()));
		}
	}

	private static WorkerSpec toSpec(String name, Worker worker, WorkerProperties settings) {
		WorkerSpec.Builder builder = WorkerSpec.builder(name, worker);
		apply(settings.getRestart(), builder::restart);
		apply(settings.getMaxRestarts(), builder::maxRestarts);
		apply(settings.getRestartWindow(), builder::restartWindow);
		apply(settings.getHealthyAfter(), builder::healthyAfter);
		apply(settings.getStartDelay(), builder::startDelay);
		apply(settings.getEscalation(), builder::escalation);
		apply(settings.getCritical(), builder::critical);
		apply(settings.getAutoStartup(), builder::autoStartup);
		apply(settings.getSingleton(), builder::singleton);
		apply(settings.getInstances(), builder::instances);
		WorkerProperties.Backoff backoff = settings.getBackoff();
		builder.backoff(Backoff.of(or(backoff.getInitial(), Backoff.DEFAULT.initial()),
				or(backoff.getMax(), Backoff.DEFAULT.max()), or(backoff.getMultiplier(), Backoff.DEFAULT.multiplier()),
				or(backoff.getJitter(), Backoff.DEFAULT.jitter())));
		return builder.build();
	}

	private static <T> void apply(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Show a value the way it is written in configuration: durations such as {@code 500ms}
	 * rather than {@code PT0.5S}.
	 * @param value the value
	 * @return the text
	 */
	static String describe(@Nullable Object value) {
		if (value instanceof Duration duration) {
			return describe(duration);
		}
		return String.valueOf(value);
	}

	private static String describe(Duration duration) {
		if (Math.abs(duration.getSeconds()) > 86_400L * 365 * 100) {
			return duration.toString();
		}
		long nanos = duration.toNanos();
		long[] sizes = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L };
		String[] units = { "d", "h", "m", "s", "ms", "us" };
		for (int i = 0; i < sizes.length; i++) {
			if (nanos != 0 && nanos % sizes[i] == 0) {
				return (nanos / sizes[i]) + units[i];
			}
		}
		return (nanos != 0) ? nanos + "ns" : "0s";
	}

	/**
	 * An engine message with its durations written the way configuration writes them:
	 * {@code 500ms} rather than {@code PT0.5S}.
	 * @param message the message
	 * @return the message for a failure report
	 */
	public static String humanize(String message) {
		Matcher matcher = ISO_DURATION.matcher(message);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String text;
			try {
				text = describe(Duration.parse(matcher.group()));
			}
			catch (RuntimeException ex) {
				text = matcher.group();
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(text));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * One level of settings.
	 *
	 * @param key the key of a property level, such as {@code supervisor.defaults}, or
	 * {@code null} for the definition's own settings
	 * @param settings the settings of the level
	 * @param definition the definition, for a declaration level
	 */
	private record Level(@Nullable String key, WorkerProperties settings, @Nullable WorkerDefinition definition) {

		static Level property(String key, WorkerProperties settings) {
			return new Level(key, settings, null);
		}

		static Level declaration(WorkerDefinition definition) {
			return new Level(null, definition.settings(), definition);
		}

		String describe(Path path) {
			return (this.key != null) ? this.key + "." + path.key()
					: "@Supervised(" + path.attribute() + ") of " + this.definition.description();
		}

		void reject(WorkerDefinition worker, Path path, String reason) {
			Object value = WorkerSettingsLevels.value(this.settings, path);
			if (this.key != null) {
				throw new InvalidConfigurationPropertyValueException(this.key + "." + path.key(),
						WorkerSpecFactory.describe(value), reason);
			}
			throw new InvalidWorkerDefinitionException("@Supervised on " + worker.description() + " has invalid "
					+ path.attribute() + " '" + WorkerSpecFactory.describe(value) + "': " + reason,
					"Correct the " + path.attribute() + " attribute, or override it with "
							+ SupervisorProperties.workerKey(worker.name()) + "." + path.key());
		}

	}

}
