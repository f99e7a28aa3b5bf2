package dev.supervisor.spring.table;

import org.jspecify.annotations.Nullable;

import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.SupervisorProperties.Defaults;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.table.WorkerTable;

/**
 * Gives a {@link WorkerTable} bean the application's configuration. Each setting of the table's
 * workers comes from the first level that sets it: {@code supervisor.tables.<name>.*}, then the
 * table's own {@link WorkerTable#settings() settings} (written in code), then
 * {@code supervisor.defaults.*}. The refresh interval and read timeout come from
 * {@code supervisor.tables.<name>.*} when set, else from the table. Each property is validated
 * when bound; what only shows once levels are merged (a backoff maximum below an initial delay
 * from another level) fails here, naming the table.
 */
public final class WorkerTableConfigurer {

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
	 */
	public <K> WorkerTable<K> configure(WorkerTable<K> table, SupervisorProperties.@Nullable Table overrides) {
		String prefix = SupervisorProperties.tableKey(table.name());
		WorkerSpec template;
		try {
			template = template(table, overrides);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid settings for the workers of worker table '" + table.name()
					+ "' (merged from " + prefix + ".*, the table's own settings and supervisor.defaults.*): "
					+ ex.getMessage(), ex);
		}
		WorkerTable.Builder<K> builder = table.toBuilder().settings((spec) -> copy(template, spec));
		if (overrides != null) {
			builder.refresh(first(overrides.getRefresh(), table.refresh()));
			builder.readTimeout(first(overrides.getReadTimeout(), table.readTimeout()));
		}
		return builder.build();
	}

	/**
	 * The settings of every worker of the table, merged once and validated.
	 */
	private WorkerSpec template(WorkerTable<?> table, SupervisorProperties.@Nullable Table overrides) {
		Defaults defaults = this.properties.getDefaults();
		WorkerSpec.Builder probe = WorkerSpec.builder(table.name() + "-settings", (context) -> {
		})
			.restart(defaults.getRestart())
			.maxRestarts(defaults.getMaxRestarts())
			.restartWindow(defaults.getRestartWindow())
			.healthyAfter(defaults.getHealthyAfter())
			.startDelay(defaults.getStartDelay())
			.escalation(defaults.getEscalation())
			.critical(defaults.isCritical())
			.backoff(Backoff.of(defaults.getBackoff().getInitial(), defaults.getBackoff().getMax(),
					defaults.getBackoff().getMultiplier(), defaults.getBackoff().getJitter()));
		table.settings().accept(probe);
		WorkerSpec declared = probe.build();
		if (overrides == null) {
			return declared;
		}
		Backoff backoff = declared.backoff();
		SupervisorProperties.BackoffPolicy backoffOverrides = overrides.getBackoff();
		return declared.toBuilder()
			.restart(first(overrides.getRestart(), declared.restart()))
			.maxRestarts(first(overrides.getMaxRestarts(), declared.maxRestarts()))
			.restartWindow(first(overrides.getRestartWindow(), declared.restartWindow()))
			.healthyAfter(first(overrides.getHealthyAfter(), declared.healthyAfter()))
			.startDelay(first(overrides.getStartDelay(), declared.startDelay()))
			.escalation(first(overrides.getEscalation(), declared.escalation()))
			.critical(first(overrides.getCritical(), declared.critical()))
			.autoStartup(first(overrides.getAutoStartup(), declared.autoStartup()))
			.backoff(Backoff.of(first(backoffOverrides.getInitial(), backoff.initial()),
					first(backoffOverrides.getMax(), backoff.max()),
					first(backoffOverrides.getMultiplier(), backoff.multiplier()),
					first(backoffOverrides.getJitter(), backoff.jitter())))
			.build();
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
			.autoStartup(template.autoStartup());
	}

	private static <T> T first(@Nullable T override, T fallback) {
		return (override != null) ? override : fallback;
	}

}
