package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.WorkerSpec;

import static java.util.Objects.requireNonNullElse;

/**
 * Settings of a worker, one type for every level that sets them: {@code supervisor.defaults},
 * {@code supervisor.workers.<name>}, {@code supervisor.processes.<name>},
 * {@code supervisor.tables.<name>} and the attributes of {@code @Supervised}. Every component
 * is {@code null} until set; a worker takes each setting from the first level that sets it
 * (worker, annotation, defaults), else from the engine's built-in default, and the engine's
 * builders validate the result once.
 * <p>
 * A new setting is one component here and, if the engine needs it, one line in
 * {@link #applyTo(WorkerSpec)} that hands it to the engine's builder. Levels are merged, read
 * from {@code @Supervised} and reported on generically, component by component.
 *
 * @param enabled Whether to register the worker at all; true unless set.
 * @param autoStartup Whether the worker starts with the application; true unless set.
 * @param singleton Whether the worker is a cluster singleton, running on one instance of the
 * cluster at a time and in STANDBY on the others; false unless set.
 * @param restart When to restart after a run ends; on-failure unless set.
 * @param maxRestarts Maximum number of restarts after failed runs within the restart window, -1
 * for no limit; 5 unless set.
 * @param restartWindow Time window that the maximum number of restarts applies to; 1m unless
 * set.
 * @param healthyAfter How long a run must last to reset the backoff to its initial delay; 30s
 * unless set.
 * @param startDelay How long to wait before the first run; 0s unless set.
 * @param escalation What to do when the restart limit is breached; none unless set.
 * @param critical Whether being given up makes the application unhealthy; true unless set.
 * @param group Name of the group (supervisor.groups.<name>) the worker joins, after the group's
 * listed members; none unless set.
 * @param instances Number of independently supervised copies, named <name>-1 to <name>-N in a
 * one-for-one group named after the worker; 1 unless set.
 * @param backoff Delay before each automatic restart.
 */
public record WorkerProperties(@Nullable Boolean enabled, @Nullable Boolean autoStartup, @Nullable Boolean singleton,
		@Nullable RestartPolicy restart, @Nullable Integer maxRestarts, @Nullable Duration restartWindow,
		@Nullable Duration healthyAfter, @Nullable Duration startDelay, @Nullable Escalation escalation,
		@Nullable Boolean critical, @Nullable String group, @Nullable Integer instances,
		@DefaultValue Backoff backoff) {

	/** Settings that set nothing. */
	public static final WorkerProperties NONE = of(Map.of());

	/**
	 * Settings bound from values by key, such as {@code healthy-after} or
	 * {@code backoff.initial}, converted as the {@code supervisor.*} properties are.
	 * @param values the values, as text or already converted
	 * @return the settings
	 * @throws BindException naming the key of a value that does not convert
	 */
	public static WorkerProperties of(Map<String, ?> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("", WorkerProperties.class);
	}

	/**
	 * A copy of a spec with the settings that these settings set, validated by the engine. The
	 * parts of the backoff that are not set are kept from the spec. {@code enabled} and
	 * {@code group} are not the engine's: they decide whether and where the worker is added.
	 * @param spec the spec to start from
	 * @return the new spec
	 * @throws IllegalArgumentException if the engine refuses a value
	 */
	public WorkerSpec applyTo(WorkerSpec spec) {
		WorkerSpec.Builder builder = spec.toBuilder();
		PropertyMapper map = PropertyMapper.get();
		map.from(this.restart).to(builder::restart);
		map.from(this.maxRestarts).to(builder::maxRestarts);
		map.from(this.restartWindow).to(builder::restartWindow);
		map.from(this.healthyAfter).to(builder::healthyAfter);
		map.from(this.startDelay).to(builder::startDelay);
		map.from(this.escalation).to(builder::escalation);
		map.from(this.critical).to(builder::critical);
		map.from(this.autoStartup).to(builder::autoStartup);
		map.from(this.singleton).to(builder::singleton);
		map.from(this.instances).to(builder::instances);
		return builder.backoff(this.backoff.over(spec.backoff())).build();
	}

	/**
	 * Delay before each automatic restart: exponential from {@code initial} by
	 * {@code multiplier} up to {@code max}, spread by {@code jitter}.
	 *
	 * @param initial Delay before the first restart; 1s unless set.
	 * @param max Maximum delay before a restart, at least the initial delay; 1m unless set.
	 * @param multiplier Factor by which the delay grows after each restart, 1.0 for a fixed
	 * delay; 2.0 unless set.
	 * @param jitter Random spread of each delay as a fraction from 0.0 (none) to 1.0; 0.2 unless
	 * set.
	 */
	public record Backoff(@Nullable Duration initial, @Nullable Duration max, @Nullable Double multiplier,
			@Nullable Double jitter) {

		/**
		 * The engine's backoff with the parts set here and the others of {@code base}.
		 */
		dev.supervisor.core.Backoff over(dev.supervisor.core.Backoff base) {
			return dev.supervisor.core.Backoff.of(requireNonNullElse(this.initial, base.initial()),
					requireNonNullElse(this.max, base.max()), requireNonNullElse(this.multiplier, base.multiplier()),
					requireNonNullElse(this.jitter, base.jitter()));
		}

	}

}
