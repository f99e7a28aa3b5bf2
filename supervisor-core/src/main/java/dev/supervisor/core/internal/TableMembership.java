package dev.supervisor.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.table.WorkerTable;

/**
 * Which keys of one {@link WorkerTable} have a worker, and the one place that decides what a
 * pass changes: {@link #reconcile(List)}.
 * <p>
 * Not thread-safe on its own: {@link TableReconciler} calls {@link #reconcile(List)},
 * {@link #keys()} and {@link #rejected()} from one pass at a time, handing over under its lock.
 * Only {@link #owns(String)} may be called from any thread.
 *
 * @param <K> the type of the keys
 */
final class TableMembership<K> {

	private static final Logger logger = LoggerFactory.getLogger(WorkerTable.class);

	private static final String INVALID_KEY = "not a valid key (allowed: letters, digits and _ . -)";

	private final WorkerTable<K> table;

	private final Supervisor supervisor;

	private final BooleanSupplier running;

	/** The keys that have a worker of this table, as strings. */
	private final TreeSet<String> owned = new TreeSet<>();

	/**
	 * The names of this table's workers, for readers on any thread; a name is in it from just
	 * before its worker is added until just after it is removed.
	 */
	private final Set<String> workerNames = ConcurrentHashMap.newKeySet();

	private Map<String, String> rejected = Map.of();

	TableMembership(WorkerTable<K> table, Supervisor supervisor, BooleanSupplier running) {
		this.table = table;
		this.supervisor = supervisor;
		this.running = running;
	}

	boolean owns(String workerName) {
		return this.workerNames.contains(workerName);
	}

	List<String> keys() {
		return List.copyOf(this.owned);
	}

	Map<String, String> rejected() {
		return this.rejected;
	}

	/**
	 * Make the supervisor's workers match the keys: remove the workers of keys gone, add those
	 * of new keys (or of keys whose worker was removed by hand), start {@code FATAL} ones again.
	 * Keys that are not valid, or whose worker cannot be made or added, are skipped and kept in
	 * {@link #rejected()}. Stops adding as soon as the table stops running or the supervisor
	 * shuts down.
	 * @param keys the keys the source answered
	 */
	void reconcile(List<K> keys) {
		Map<String, String> rejectedNow = new TreeMap<>();
		Map<String, K> wanted = new LinkedHashMap<>();
		for (K key : keys) {
			String text = keyText(key);
			if (text == null || !WorkerTable.KEY_PATTERN.matcher(text).matches()) {
				rejectedNow.put(String.valueOf(text), INVALID_KEY);
			}
			else {
				wanted.putIfAbsent(text, key);
			}
		}
		List<String> added = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		List<String> restarted = new ArrayList<>();
		for (String key : new ArrayList<>(this.owned)) {
			if (!wanted.containsKey(key)) {
				removeWorker(key);
				this.owned.remove(key);
				removed.add(key);
			}
		}
		for (Map.Entry<String, K> entry : wanted.entrySet()) {
			if (!this.running.getAsBoolean()) {
				break;
			}
			String key = entry.getKey();
			String name = this.table.workerName(key);
			try {
				if (!this.owned.contains(key) || !this.supervisor.contains(name)) {
					addWorker(name, entry.getValue());
					this.owned.add(key);
					added.add(key);
				}
				else if (this.supervisor.status(name).state() == WorkerState.FATAL) {
					this.supervisor.start(name);
					restarted.add(key);
				}
			}
			catch (Throwable ex) {
				if (!this.running.getAsBoolean() || !this.supervisor.isRunning()) {
					// Shut down during the pass: nothing may start any more.
					break;
				}
				rejectedNow.put(key, Throwables.describe(ex));
			}
		}
		report(rejectedNow);
		if (!added.isEmpty() || !removed.isEmpty() || !restarted.isEmpty()) {
			logger.info("Worker table '{}' reconciled: added {}, removed {}, restarted {}; {} keys",
					this.table.name(), added, removed, restarted, this.owned.size());
		}
	}

	private void addWorker(String name, K key) {
		WorkerSpec.Builder spec = WorkerSpec.builder(name, this.table.worker().apply(key));
		this.table.settings().accept(spec);
		WorkerSpec built = spec.build();
		boolean claimed = this.workerNames.add(name);
		try {
			this.supervisor.add(built);
		}
		catch (RuntimeException ex) {
			if (claimed) {
				this.workerNames.remove(name);
			}
			throw ex;
		}
	}

	private void removeWorker(String key) {
		String name = this.table.workerName(key);
		try {
			this.supervisor.remove(name);
		}
		catch (NoSuchWorkerException ex) {
			// Removed by hand already: the table agrees.
		}
		finally {
			this.workerNames.remove(name);
		}
	}

	/** Log each rejected key: a warning the first time, then at debug level while it stays. */
	private void report(Map<String, String> rejectedNow) {
		for (Map.Entry<String, String> entry : rejectedNow.entrySet()) {
			if (entry.getValue().equals(this.rejected.get(entry.getKey()))) {
				logger.debug("Worker table '{}' still skips key '{}': {}", this.table.name(), entry.getKey(),
						entry.getValue());
			}
			else {
				logger.warn("Worker table '{}' skips key '{}': {}", this.table.name(), entry.getKey(),
						entry.getValue());
			}
		}
		this.rejected = Map.copyOf(rejectedNow);
	}

	private static @Nullable String keyText(@Nullable Object key) {
		if (key == null) {
			return null;
		}
		try {
			return String.valueOf(key);
		}
		catch (Throwable ex) {
			return "<" + key.getClass().getName() + " whose toString() threw>";
		}
	}

}
