package dev.supervisor.spring.table;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.TableProperties;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.table.WorkerTable;
import dev.supervisor.spring.registration.WorkerSpecFactory;
import dev.supervisor.spring.registration.WorkerSpecFactory.Level;

/**
 * Gives a {@link WorkerTable} bean the application's configuration. Each setting of the table's
 * workers comes from the first level that sets it: {@code supervisor.tables.<name>.*}, then the
 * table's own {@link WorkerTable#settings() settings} (written in code), then
 * {@code supervisor.defaults.*}, then the engine's built-in defaults. The refresh interval and
 * read timeout come from {@code supervisor.tables.<name>.*} when set, else from the table, and so
 * does {@code max-per-instance}, which needs the table's workers to be singletons. A table's keys
 * are singletons only when the table says so ({@code supervisor.tables.<name>.singleton} or its
 * own settings), never through {@code supervisor.defaults.singleton}. The settings are merged once
 * per table by the {@link WorkerSpecFactory}, so a value the engine refuses fails start-up: a
 * property with an {@link InvalidConfigurationPropertyValueException} naming its key, a value
 * written in code with a message naming the table.
 */
public final class WorkerTableConfigurer {

	private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

	private final WorkerSpecFactory factory;

	public WorkerTableConfigurer(SupervisorProperties properties) {
		this.factory = new WorkerSpecFactory(properties);
	}

	/**
	 * A copy of the table with the configuration applied.
	 * @param <K> the type of the keys
	 * @param table the table as defined in code
	 * @param overrides the table's properties, or {@code null} if it has none
	 * @return the configured table
	 * @throws InvalidConfigurationPropertyValueException if a property holds a value the engine
	 * refuses, {@code refresh} or {@code read-timeout} is not a positive duration, or
	 * {@code max-per-instance} is below 1 or set on a table whose workers are not singletons
	 * @throws IllegalStateException if the table's own settings are refused
	 */
	public <K> WorkerTable<K> configure(WorkerTable<K> table, @Nullable TableProperties overrides) {
		String prefix = SupervisorProperties.tableKey(table.name());
		WorkerSpec base = WorkerSpec.builder(table.name() + "-settings", (context) -> {
		}).build();
		WorkerSpec template = WorkerSpecFactory.create(table.name(), base, List.of(this.factory.defaults(),
				// supervisor.defaults.singleton means one election per worker: it would turn every
				// key of every table into one.
				Level.code("worker table '" + table.name() + "' (singletons only when the table says so)",
						(spec) -> spec.singleton(false)),
				Level.code("worker table '" + table.name() + "' (its own settings over supervisor.defaults.*)",
						table.settings()),
				Level.properties(prefix, (overrides != null) ? overrides.worker() : null)));
		WorkerTable.Builder<K> builder = table.toBuilder()
			.settings((spec) -> spec.settings(template).singleton(template.singleton()));
		if (overrides != null) {
			builder.refresh(positive(prefix + ".refresh", overrides.refresh(), table.refresh()));
			builder.readTimeout(positive(prefix + ".read-timeout", overrides.readTimeout(), table.readTimeout()));
			Integer cap = overrides.maxPerInstance();
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

}
