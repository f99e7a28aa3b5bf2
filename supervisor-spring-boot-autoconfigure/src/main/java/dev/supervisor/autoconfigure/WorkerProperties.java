package dev.supervisor.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.WorkerSpec;

import static java.util.Objects.requireNonNullElse;

/**
 * Settings of a worker, one type for every level that sets them: {@code supervisor.defaults},
 * {@code supervisor.workers.<name>}, {@code supervisor.processes.<name>} and the attributes of
 * {@code @Supervised}. Every field is {@code null} until set; a worker takes each setting from
 * the first level that sets it (worker, annotation, defaults), else from the engine's built-in
 * default, and the engine's builders validate the result once.
 * <p>
 * A new setting is one field here (nullable, without initial value) and, if the engine needs it,
 * one line in {@link #applyTo(WorkerSpec)} that hands it to the engine's builder. Levels are
 * merged, read from {@code @Supervised} and reported on generically, property by property.
 */
public class WorkerProperties {

	/**
	 * Whether to register the worker at all; true unless set.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Whether the worker starts with the application; true unless set.
	 */
	private @Nullable Boolean autoStartup;

	/**
	 * Whether the worker is a cluster singleton, running on one instance of the cluster at a
	 * time and in STANDBY on the others; false unless set.
	 */
	private @Nullable Boolean singleton;

	/**
	 * When to restart after a run ends; on-failure unless set.
	 */
	private @Nullable RestartPolicy restart;

	/**
	 * Maximum number of restarts after failed runs within the restart window, -1 for no limit; 5
	 * unless set.
	 */
	private @Nullable Integer maxRestarts;

	/**
	 * Time window that the maximum number of restarts applies to; 1m unless set.
	 */
	private @Nullable Duration restartWindow;

	/**
	 * How long a run must last to reset the backoff to its initial delay; 30s unless set.
	 */
	private @Nullable Duration healthyAfter;

	/**
	 * How long to wait before the first run; 0s unless set.
	 */
	private @Nullable Duration startDelay;

	/**
	 * What to do when the restart limit is breached; none unless set.
	 */
	private @Nullable Escalation escalation;

	/**
	 * Whether being given up makes the application unhealthy; true unless set.
	 */
	private @Nullable Boolean critical;

	/**
	 * Name of the group (supervisor.groups.<name>) the worker joins, after the group's listed
	 * members; none unless set.
	 */
	private @Nullable String group;

	/**
	 * Number of independently supervised copies, named <name>-1 to <name>-N in a one-for-one
	 * group named after the worker; 1 unless set.
	 */
	private @Nullable Integer instances;

	/**
	 * Delay before each automatic restart.
	 */
	private final Backoff backoff = new Backoff();

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = group;
	}

	public @Nullable Integer getInstances() {
		return this.instances;
	}

	public void setInstances(@Nullable Integer instances) {
		this.instances = instances;
	}

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Boolean getAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(@Nullable Boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public @Nullable Boolean getSingleton() {
		return this.singleton;
	}

	public void setSingleton(@Nullable Boolean singleton) {
		this.singleton = singleton;
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

	public Backoff getBackoff() {
		return this.backoff;
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
	 */
	public static class Backoff {

		/**
		 * Delay before the first restart; 1s unless set.
		 */
		private @Nullable Duration initial;

		/**
		 * Maximum delay before a restart, at least the initial delay; 1m unless set.
		 */
		private @Nullable Duration max;

		/**
		 * Factor by which the delay grows after each restart, 1.0 for a fixed delay; 2.0 unless
		 * set.
		 */
		private @Nullable Double multiplier;

		/**
		 * Random spread of each delay as a fraction from 0.0 (none) to 1.0; 0.2 unless set.
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
