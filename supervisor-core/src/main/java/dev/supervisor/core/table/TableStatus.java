package dev.supervisor.core.table;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one worker table, taken at one moment.
 *
 * @param table the table's description
 * @param keys the keys the table supervises a worker for, as strings, sorted
 * @param lastRefresh when the last pass that read the key source successfully ended, or
 * {@code null} if none did yet
 * @param lastError why the last pass could not read the key source, or {@code null} if it could
 * or none ran yet
 * @param consecutiveFailures how many passes in a row failed to read the key source (0 after a
 * pass that read it)
 * @param rejectedKeys keys of the last successful read that have no worker, each with the reason
 * (not a valid key, or its worker could not be made or added)
 * @param refreshes how many passes ended with each outcome since the table was added
 */
public record TableStatus(WorkerTable<?> table, List<String> keys, @Nullable Instant lastRefresh,
		@Nullable TableError lastError,
		int consecutiveFailures, Map<String, String> rejectedKeys, Map<RefreshOutcome, Long> refreshes) {

	public TableStatus {
		keys = List.copyOf(keys);
		rejectedKeys = Map.copyOf(rejectedKeys);
		refreshes = Map.copyOf(refreshes);
	}

	/**
	 * The table's name.
	 * @return the name
	 */
	public String name() {
		return this.table.name();
	}

	/**
	 * The names of the table's workers, in the order of {@link #keys()}.
	 * @return the worker names
	 */
	public List<String> workerNames() {
		return this.keys.stream().map(this.table::workerName).toList();
	}

	/**
	 * How many passes ended with an outcome.
	 * @param outcome the outcome
	 * @return the count
	 */
	public long refreshes(RefreshOutcome outcome) {
		return this.refreshes.getOrDefault(outcome, 0L);
	}

	/**
	 * Why a pass could not read the key source.
	 *
	 * @param outcome {@link RefreshOutcome#FAILURE} (the source threw) or
	 * {@link RefreshOutcome#TIMEOUT} (it did not answer in time)
	 * @param type the class name of what the source threw, or {@code null} on a timeout
	 * @param message what happened, a sentence naming the table
	 * @param at when the pass ended, on the supervisor's clock
	 */
	public record TableError(RefreshOutcome outcome, @Nullable String type, String message, Instant at) {
	}

}
