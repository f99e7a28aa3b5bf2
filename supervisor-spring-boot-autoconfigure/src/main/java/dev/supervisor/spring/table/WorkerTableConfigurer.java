package dev.supervisor.spring.table;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.TableProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.table.WorkerTable;
import dev.supervisor.spring.registration.WorkerSettingsLevels;
import dev.supervisor.spring.registration.WorkerSettingsLevels.Path;
import dev.supervisor.spring.registration.WorkerSpecFactory;

/**
 * Gives a {@link WorkerTable} bean the application's configuration. Each setting of the table's
 * workers comes from the first level that sets it: {@code supervisor.tables.<name>.*}, then the
 * table's own {@link WorkerTable#settings() settings} (written in code), then
 * {@code supervisor.defaults.*}, then the engine's built-in defaults. The refresh interval and
 * read timeout come from {@code supervisor.tables.<name>.*} when set, else from the table, and so
 * does {@code max-per-instance}, which needs the table's workers to be singletons. The
 * settings are merged once per table, so a value the engine refuses fails start-up: a property
 * with an {@link InvalidConfigurationPropertyValueException} naming its key, a value written in
 * code with a message naming the table.
 */
public final class WorkerTableConfigurer {

	private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

	private final SupervisorProperties properties;

	public WorkerTableConfigurer(SupervisorProperties properties) {
		this.properties = properties;
	}

	/**
	 * A copy of the table with the configuration applied.
	 * @param <K> the type of the keys
	 * @param table the table as defined in code
	 * @param overrides the table's properties, or {@code null} if it has none
	 * @return the configured table
	 * @throws InvalidConfigurationPropertyValueException if {@code refresh} or
	 * {@code read-timeout} is not a positive duration, or {@code max-per-instance} is below 1 or
	 * set on a table whose workers are not singletons
	 * @throws IllegalStateException if the merged settings of the table's workers are refused
	 */
	public <K> WorkerTable<K> configure(WorkerTable<K> table, @Nullable TableProperties overrides) {
		String prefix = SupervisorProperties.tableKey(table.name());
		WorkerSpec declared;
		try {
			declared = declared(table);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid settings for the workers of worker table '" + table.name()
					+ "' (its own settings over supervisor.defaults.*): " + reason(ex), ex);
		}
		WorkerSpec template = (overrides != null) ? override(declared, overrides, prefix) : declared;
		WorkerTable.Builder<K> builder = table.toBuilder().settings((spec) -> copy(template, spec));
		if (overrides != null) {
			builder.refresh(positive(prefix + ".refresh", overrides.getRefresh(), table.refresh()));
			builder.readTimeout(positive(prefix + ".read-timeout", overrides.getReadTimeout(), table.readTimeout()));
			Integer cap = overrides.getMaxPerInstance();
			if (cap != null) {
				builder.maxPerInstance(cap(prefix + ".max-per-instance", cap, template.singleton()));
			}
			else if (table.maxPerInstance().isPresent() && !template.singleton()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".singleton", false,
						"the table caps the keys one instance leads at " + table.maxPerInstance().getAsInt()
								+ " in code, which needs each key to be a cluster singleton");
			}
		}
		return builder.build();
	}

	/**
	 * The settings of the table's workers before its properties: its own over the defaults.
	 */
	private WorkerSpec declared(WorkerTable<?> table) {
		WorkerSpec.Builder probe = WorkerSpec.builder(table.name() + "-settings", (context) -> {
		});
		apply(this.properties.getDefaults(), probe, Backoff.DEFAULT);
		// A table's keys become singletons only when the table says so: supervisor.defaults.singleton
		// means one election per worker, and it would turn every key of every table into one.
		probe.singleton(false);
		table.settings().accept(probe);
		return probe.build();
	}

	/**
	 * The table's properties over its declared settings, validated by the engine. A value the
	 * engine refuses fails naming its property, as Spring Boot reports bad values.
	 */
	private static WorkerSpec override(WorkerSpec declared, WorkerProperties overrides, String prefix) {
		try {
			return merged(declared, overrides);
		}
		catch (IllegalArgumentException ex) {
			for (Path path : WorkerSettingsLevels.setPaths(overrides)) {
				try {
					merged(declared, WorkerSettingsLevels.merge(new WorkerProperties(), overrides, List.of(path)));
				}
				catch (IllegalArgumentException refused) {
					throw new InvalidConfigurationPropertyValueException(prefix + "." + path.key(),
							WorkerSpecFactory.humanize(String.valueOf(WorkerSettingsLevels.value(overrides, path))),
							reason(refused) + " (over the table's own settings and supervisor.defaults.*)");
				}
			}
			throw new IllegalStateException(
					"Invalid settings for the workers of worker table from " + prefix + ".*: " + reason(ex), ex);
		}
	}

	private static WorkerSpec merged(WorkerSpec declared, WorkerProperties overrides) {
		WorkerSpec.Builder merged = declared.toBuilder();
		apply(overrides, merged, declared.backoff());
		return merged.build();
	}

	private static String reason(IllegalArgumentException ex) {
		return WorkerSpecFactory.humanize(String.valueOf(ex.getMessage()));
	}

	/**
	 * Set on a builder what a level of settings sets; unset backoff parts come from a base.
	 */
	private static void apply(WorkerProperties settings, WorkerSpec.Builder builder, Backoff base) {
		set(settings.getRestart(), builder::restart);
		set(settings.getMaxRestarts(), builder::maxRestarts);
		set(settings.getRestartWindow(), builder::restartWindow);
		set(settings.getHealthyAfter(), builder::healthyAfter);
		set(settings.getStartDelay(), builder::startDelay);
		set(settings.getEscalation(), builder::escalation);
		set(settings.getCritical(), builder::critical);
		set(settings.getAutoStartup(), builder::autoStartup);
		set(settings.getSingleton(), builder::singleton);
		WorkerProperties.Backoff backoff = settings.getBackoff();
		builder.backoff(Backoff.of(first(backoff.getInitial(), base.initial()), first(backoff.getMax(), base.max()),
				first(backoff.getMultiplier(), base.multiplier()), first(backoff.getJitter(), base.jitter())));
	}

	private static void copy(WorkerSpec template, WorkerSpec.Builder spec) {
		spec.restart(template.restart())
			.maxRestarts(template.maxRestarts())
			.restartWindow(template.restartWindow())
			.healthyAfter(template.healthyAfter())
			.startDelay(template.startDelay())
			.backoff(template.backoff())
			.escalation(template.escalation())
			.critical(template.critical())
			.autoStartup(template.autoStartup())
			.singleton(template.singleton());
	}

	private static Duration positive(String property, @Nullable Duration value, Duration fallback) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"a duration greater than zero, such as 500ms, 30s or 1m, is required");
		}
		return value;
	}

	private static int cap(String property, int value, boolean singleton) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"at least 1 is required: the number of the table's keys one instance leads at most");
		}
		if (!singleton) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"a cap applies only to a table whose keys are cluster singletons; set "
							+ property.replace(".max-per-instance", ".singleton") + "=true, or remove the cap");
		}
		return value;
	}

	private static <T> void set(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	private static <T> T first(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
