package dev.supervisor.autoconfigure.registration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.SupervisorProperties.BackoffPolicy;
import dev.supervisor.autoconfigure.SupervisorProperties.Defaults;
import dev.supervisor.autoconfigure.diagnostics.InvalidSupervisorPropertyException;
import dev.supervisor.autoconfigure.diagnostics.InvalidWorkerDefinitionException;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.WorkerSpec;

/**
 * Turns a {@link WorkerDefinition} into a {@link WorkerSpec}, taking each setting from the
 * first level that sets it: {@code supervisor.workers.<name>.*}, then the definition's own
 * settings (such as {@code @Supervised} attributes), then {@code supervisor.defaults.*}.
 * <p>
 * Every property is validated on its own when bound; this class checks what only shows once
 * levels are merged (a backoff maximum below an initial delay from another level) and the
 * definition's own settings.
 */
public final class WorkerSpecFactory {

	private static final SupervisorProperties.Worker NO_OVERRIDES = new SupervisorProperties.Worker();

	private final SupervisorProperties properties;

	public WorkerSpecFactory(SupervisorProperties properties) {
		this.properties = properties;
	}

	/**
	 * Create the spec of a worker, overridden by {@code supervisor.workers.<name>.*}.
	 * @param definition the worker
	 * @return the spec
	 * @throws InvalidSupervisorPropertyException if merged properties contradict each other
	 * @throws InvalidWorkerDefinitionException if the definition's own settings are invalid
	 */
	public WorkerSpec create(WorkerDefinition definition) {
		return create(definition, this.properties.getWorkers().get(definition.name()),
				SupervisorProperties.workerKey(definition.name()));
	}

	/**
	 * Create the spec of a worker with the given overrides, such as those of a process.
	 * @param definition the worker
	 * @param overrides the overriding properties, or {@code null} for none
	 * @param prefix the key of the overriding properties, such as
	 * {@code supervisor.processes.redis}
	 * @return the spec
	 * @throws InvalidSupervisorPropertyException if merged properties contradict each other
	 * @throws InvalidWorkerDefinitionException if the definition's own settings are invalid
	 */
	public WorkerSpec create(WorkerDefinition definition, SupervisorProperties.@Nullable Worker overrides,
			String prefix) {
		SupervisorProperties.Worker override = (overrides != null) ? overrides : NO_OVERRIDES;
		WorkerSettings declared = definition.settings();
		Defaults defaults = this.properties.getDefaults();
		BackoffPolicy backoff = override.getBackoff();
		Setting<Duration> initial = pick(backoff.getInitial(), prefix + ".backoff.initial", declared.backoffInitial(),
				defaults.getBackoff().getInitial(), "supervisor.defaults.backoff.initial");
		Setting<Duration> max = pick(backoff.getMax(), prefix + ".backoff.max", declared.backoffMax(),
				defaults.getBackoff().getMax(), "supervisor.defaults.backoff.max");
		checkBackoffRange(definition, initial, max);
		try {
			return WorkerSpec.builder(definition.name(), definition.worker())
				.restart(first(override.getRestart(), declared.restart(), defaults.getRestart()))
				.maxRestarts(first(override.getMaxRestarts(), declared.maxRestarts(), defaults.getMaxRestarts()))
				.restartWindow(first(override.getRestartWindow(), declared.restartWindow(), defaults.getRestartWindow()))
				.healthyAfter(first(override.getHealthyAfter(), declared.healthyAfter(), defaults.getHealthyAfter()))
				.startDelay(first(override.getStartDelay(), declared.startDelay(), defaults.getStartDelay()))
				.backoff(Backoff.of(initial.value(), max.value(),
						first(backoff.getMultiplier(), declared.backoffMultiplier(), defaults.getBackoff().getMultiplier()),
						first(backoff.getJitter(), declared.backoffJitter(), defaults.getBackoff().getJitter())))
				.escalation(first(override.getEscalation(), declared.escalation(), defaults.getEscalation()))
				.critical(first(override.getCritical(), declared.critical(), defaults.isCritical()))
				.autoStartup(first(override.getAutoStartup(), declared.autoStartup(), true))
				.singleton(first(override.getSingleton(), declared.singleton(), false))
				.build();
		}
		catch (IllegalArgumentException ex) {
			// Properties were validated when bound, so the value came with the definition.
			throw new InvalidWorkerDefinitionException(
					"Invalid settings for worker '" + definition.name() + "' declared by " + definition.description()
							+ ": " + ex.getMessage(),
					"Correct the value declared with the worker, or override it with " + prefix + ".*", ex);
		}
	}

	private void checkBackoffRange(WorkerDefinition definition, Setting<Duration> initial, Setting<Duration> max) {
		if (max.value().compareTo(initial.value()) >= 0) {
			return;
		}
		String initialText = InvalidSupervisorPropertyException.describe(initial.value());
		String maxText = InvalidSupervisorPropertyException.describe(max.value());
		if (max.property() != null && max.level() >= initial.level()) {
			throw new InvalidSupervisorPropertyException(max.property(), max.value(),
					"a duration of at least the initial backoff of worker '" + definition.name() + "' ("
							+ initialText + (initial.property() != null ? " from " + initial.property() : "") + ")");
		}
		if (initial.property() != null) {
			throw new InvalidSupervisorPropertyException(initial.property(), initial.value(),
					"a duration of at most the maximum backoff of worker '" + definition.name() + "' (" + maxText
							+ (max.property() != null ? " from " + max.property() : "") + ")");
		}
		throw new InvalidWorkerDefinitionException(
				"Invalid backoff for worker '" + definition.name() + "' declared by " + definition.description()
						+ ": maximum " + maxText + " is less than initial " + initialText,
				"Declare a maximum backoff of at least the initial backoff");
	}

	private static <T> T first(@Nullable T override, @Nullable T declared, T fallback) {
		if (override != null) {
			return override;
		}
		return (declared != null) ? declared : fallback;
	}

	private static <T> Setting<T> pick(@Nullable T override, String overrideKey, @Nullable T declared, T fallback,
			String fallbackKey) {
		if (override != null) {
			return new Setting<>(override, overrideKey, 2);
		}
		if (declared != null) {
			return new Setting<>(declared, null, 1);
		}
		return new Setting<>(fallback, fallbackKey, 0);
	}

	/**
	 * A setting's value and where it came from.
	 *
	 * @param value the value
	 * @param property the property that set it, or {@code null} if it was declared with the
	 * worker
	 * @param level 2 for a worker property, 1 for the declaration, 0 for the defaults
	 */
	private record Setting<T>(T value, @Nullable String property, int level) {

	}

}
