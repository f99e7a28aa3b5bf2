package dev.supervisor.cluster;

import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.NoSuchTableException;
import dev.supervisor.core.table.WorkerTable;

/**
 * The keys of each capped {@link WorkerTable} this instance may still lead: one permit per key,
 * {@link WorkerTable#maxPerInstance()} permits per table, shared by the elections of all its
 * keys. An election takes a permit before it tries a free lock and gives it back when the lock is
 * released or lost, so this instance never holds more locks of a table than its cap.
 * <p>
 * The rule that spreads keys over the instances follows: an instance at its cap tries no further
 * key (and gives up none it holds); an instance below it takes free keys, each within about
 * 100 ms of its lock being released or expiring.
 */
final class TableCaps {

	private final Supervisor supervisor;

	private final ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();

	TableCaps(Supervisor supervisor) {
		this.supervisor = supervisor;
	}

	/**
	 * The permits the election of a worker must take, if the worker is the key of a capped table.
	 * @param worker the worker's name
	 * @return the permits of its table, or {@code null} if its leadership is not capped
	 */
	@Nullable Semaphore permitsFor(String worker) {
		String table = this.supervisor.tableOf(worker);
		if (table == null) {
			return null;
		}
		OptionalInt cap;
		try {
			cap = this.supervisor.tableStatus(table).table().maxPerInstance();
		}
		catch (NoSuchTableException ex) {
			return null;
		}
		if (cap.isEmpty()) {
			return null;
		}
		return this.permits.computeIfAbsent(table, (name) -> new Semaphore(cap.getAsInt()));
	}

}
