package dev.supervisor.core.table;

import java.time.Duration;
import java.util.Collection;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.internal.Names;

/**
 * Immutable description of a worker table: one supervised worker per key of a source that
 * changes over time (rows of a database table, tenants, devices, queues). Built once with
 * {@link #builder(String, Supplier, Function)} and validated eagerly; a {@link Supervisor}
 * reconciles it once {@link Supervisor#addTable added}.
 * <p>
 * Every {@link #refresh()} (and on demand, {@link Supervisor#refreshTable(String)}) the key source
 * is read again, on a thread of its own and bounded by {@link #readTimeout()}, and the
 * supervisor's workers are reconciled with it:
 * <ul>
 * <li>a new key gets a worker named {@code <table>-<key>}, added and started;</li>
 * <li>a key gone from the source has its worker stopped and removed;</li>
 * <li>a key whose worker is {@code FATAL} is started again (other states are left alone: a worker
 * stopped by hand stays stopped);</li>
 * <li>a key that does not match {@code [A-Za-z0-9_.-]+} is reported and skipped;</li>
 * <li>a source that throws, or does not answer within the read timeout, keeps the current workers;
 * the error is recorded in the {@link TableStatus} and the next pass reads again.</li>
 * </ul>
 * Two passes of one table never overlap: a refresh requested during a pass runs right after it.
 * <p>
 * Across a cluster: when the table's {@link #settings() settings} make its workers
 * {@link WorkerSpec#singleton() singletons}, every key is its own singleton, elected separately,
 * and {@link #maxPerInstance()} caps how many of them one instance leads at once, so that the keys
 * spread over the instances. The engine only carries the cap; the elections enforce it.
 * <p>
 * Built-in defaults: refresh every 30 seconds, read timeout 10 seconds, no cap, and the
 * {@link WorkerSpec} defaults for each worker.
 *
 * @param <K> the type of the keys
 */
public final class WorkerTable<K> {

	/** What a key may contain once turned into a string: it becomes part of a worker name. */
	public static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z0-9_.-]+");

	/** What a table name may contain: it prefixes its workers' names. */
	public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	/** The longest refresh or timeout: what a {@code long} of nanoseconds holds. */
	private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

	private final String name;

	private final Supplier<? extends Collection<K>> keys;

	private final Function<K, Worker> worker;

	private final Duration refresh;

	private final Duration readTimeout;

	private final Consumer<WorkerSpec.Builder> settings;

	private final OptionalInt maxPerInstance;

	/** The settings applied to a worker that does nothing: what every worker of the table gets. */
	private final WorkerSpec template;

	private WorkerTable(Builder<K> builder) {
		this.name = builder.name;
		this.keys = builder.keys;
		this.worker = builder.worker;
		this.refresh = builder.refresh;
		this.readTimeout = builder.readTimeout;
		this.settings = builder.settings;
		this.maxPerInstance = builder.maxPerInstance;
		this.template = builder.template;
	}

	/**
	 * Start describing a worker table.
	 * @param <K> the type of the keys
	 * @param name the table's name; letters, digits and {@code _ . -}, at most 64 characters,
	 * starting with a letter or digit
	 * @param keys reads the current keys; called on a thread of its own, never twice at once
	 * @param worker makes the worker of one key
	 * @return a builder holding the built-in defaults
	 */
	public static <K> Builder<K> builder(String name, Supplier<? extends Collection<K>> keys,
			Function<K, Worker> worker) {
		return new Builder<>(name, keys, worker);
	}

	/**
	 * A builder holding this table's values, to derive a changed copy.
	 * @return a new builder
	 */
	public Builder<K> toBuilder() {
		Builder<K> builder = new Builder<>(this.name, this.keys, this.worker).refresh(this.refresh)
			.readTimeout(this.readTimeout)
			.settings(this.settings);
		builder.maxPerInstance = this.maxPerInstance;
		return builder;
	}

	public String name() {
		return this.name;
	}

	public Supplier<? extends Collection<K>> keys() {
		return this.keys;
	}

	public Function<K, Worker> worker() {
		return this.worker;
	}

	/**
	 * How long after the end of one pass the next one starts.
	 * @return the interval
	 */
	public Duration refresh() {
		return this.refresh;
	}

	/**
	 * How long one read of the key source may take before the pass gives up.
	 * @return the timeout
	 */
	public Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * Whether the table is critical: its workers are (their {@link WorkerSpec#critical()}
	 * setting), so a worker of the table given up, or a key source that keeps failing, makes the
	 * application unhealthy.
	 * @return {@code true} if critical
	 */
	public boolean critical() {
		return this.template.critical();
	}

	/**
	 * Whether every key is a cluster singleton: the table's workers are
	 * {@link WorkerSpec#singleton() singletons}.
	 * @return {@code true} if each key is elected on its own
	 */
	public boolean singleton() {
		return this.template.singleton();
	}

	/**
	 * How many keys of this table one instance of a cluster leads at most; only for a
	 * {@link #singleton() singleton} table. An instance at its cap takes no further key and gives
	 * up none it holds; an instance below it takes free keys.
	 * @return the cap, or empty if one instance may lead every key
	 */
	public OptionalInt maxPerInstance() {
		return this.maxPerInstance;
	}

	/**
	 * Applied to the spec builder of every worker of the table, after its name and worker are
	 * set.
	 * @return the settings
	 */
	public Consumer<WorkerSpec.Builder> settings() {
		return this.settings;
	}

	/**
	 * The name of the worker that runs a key: {@code <table>-<key>}.
	 * @param key the key, as a string
	 * @return the worker name
	 */
	public String workerName(String key) {
		return this.name + "-" + key;
	}

	@Override
	public String toString() {
		return "WorkerTable[name=" + this.name + ", refresh=" + this.refresh + ", readTimeout=" + this.readTimeout
				+ ", critical=" + critical()
				+ (this.maxPerInstance.isPresent() ? ", maxPerInstance=" + this.maxPerInstance.getAsInt() : "") + "]";
	}

	/**
	 * Builds a {@link WorkerTable}; {@link #build()} validates every value.
	 *
	 * @param <K> the type of the keys
	 */
	public static final class Builder<K> {

		private final String name;

		private final Supplier<? extends Collection<K>> keys;

		private final Function<K, Worker> worker;

		private Duration refresh = Duration.ofSeconds(30);

		private Duration readTimeout = Duration.ofSeconds(10);

		private WorkerSpec template;

		private Consumer<WorkerSpec.Builder> settings = (spec) -> {
		};

		private OptionalInt maxPerInstance = OptionalInt.empty();

		private Builder(String name, Supplier<? extends Collection<K>> keys, Function<K, Worker> worker) {
			this.name = Names.require("worker table", name, NAME_PATTERN,
					"1 to 64 letters, digits and _ . -, starting with a letter or digit");
			this.keys = keys;
			this.worker = worker;
		}

		/**
		 * How long after the end of one pass the next one starts.
		 * @param refresh a positive duration; 30 seconds by default
		 * @return this builder
		 */
		public Builder<K> refresh(Duration refresh) {
			this.refresh = refresh;
			return this;
		}

		/**
		 * How long one read of the key source may take; a read that takes longer is interrupted,
		 * its result ignored, and the pass counts as failed.
		 * @param readTimeout a positive duration; 10 seconds by default
		 * @return this builder
		 */
		public Builder<K> readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Settings for every worker of the table (restart policy, backoff, limits...), applied to
		 * each worker's spec builder. Replaces earlier settings.
		 * @param settings changes a worker's spec builder
		 * @return this builder
		 */
		public Builder<K> settings(Consumer<WorkerSpec.Builder> settings) {
			this.settings = settings;
			return this;
		}

		/**
		 * Cap how many keys of the table one instance of a cluster leads at once. Only for a
		 * table whose workers are {@link WorkerSpec.Builder#singleton(boolean) singletons}. With
		 * {@code K} keys and {@code N} instances, a cap of at least {@code K / (N - 1)} (rounded
		 * up) lets the survivors take every key of an instance that dies; a smaller cap spreads
		 * the keys more evenly but leaves some in {@code STANDBY} until an instance joins.
		 * @param maxPerInstance at least 1; no cap by default
		 * @return this builder
		 */
		public Builder<K> maxPerInstance(int maxPerInstance) {
			this.maxPerInstance = OptionalInt.of(maxPerInstance);
			return this;
		}

		/**
		 * Validate every value and build the table.
		 * @return the table
		 * @throws IllegalArgumentException naming the table, the field, the value and what is
		 * allowed
		 */
		public WorkerTable<K> build() {
			require(this.keys != null, "keys", null, "a Supplier of the current keys");
			require(this.worker != null, "worker", null, "a Function from a key to its Worker");
			require(isPositive(this.refresh), "refresh", this.refresh, "a positive duration of at most 292 years");
			require(isPositive(this.readTimeout), "readTimeout", this.readTimeout,
					"a positive duration of at most 292 years");
			require(this.settings != null, "settings", null, "a Consumer of WorkerSpec.Builder");
			String probeName = this.name + "-settings";
			WorkerSpec.Builder probe = WorkerSpec.builder(probeName, (context) -> {
			});
			try {
				this.settings.accept(probe);
				this.template = probe.build();
			}
			catch (IllegalArgumentException ex) {
				String reason = ex.getMessage().replace("for worker '" + probeName + "'", "for its workers");
				throw new IllegalArgumentException("Invalid settings for worker table '" + this.name + "': " + reason, ex);
			}
			if (this.maxPerInstance.isPresent()) {
				int cap = this.maxPerInstance.getAsInt();
				require(cap >= 1, "maxPerInstance", cap, "at least 1");
				require(this.template.singleton(), "maxPerInstance", cap,
						"only for a table whose workers are singletons; set singleton(true) in its settings");
			}
			return new WorkerTable<>(this);
		}

		private void require(boolean valid, String field, Object value, String allowed) {
			if (!valid) {
				throw new InvalidSettingException(field, value, "Invalid " + field + " for worker table '" + this.name
						+ "': " + value + " (allowed: " + allowed + ")");
			}
		}

		/** Positive, and small enough to be scheduled in nanoseconds. */
		private static boolean isPositive(Duration duration) {
			return duration != null && !duration.isNegative() && !duration.isZero()
					&& duration.compareTo(LONGEST) <= 0;
		}

	}

}
