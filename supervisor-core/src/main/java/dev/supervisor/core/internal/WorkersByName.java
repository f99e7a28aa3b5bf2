package dev.supervisor.core.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The workers of a supervisor in name order, sorted once and reused until a worker is added or
 * removed, so that listing 100,000 workers again does not sort them again.
 * <p>
 * Invariant: every put into and removal from the map goes through {@link #put} and
 * {@link #remove}, which count it after the change. An order is kept with the count of changes read <em>before</em> the map was read, so an order
 * that might miss a change carries an older count than the one the change left, and is not used
 * again.
 */
public final class WorkersByName {

	private static final Comparator<WorkerRunner> BY_NAME = Comparator.comparing((runner) -> runner.spec().name());

	private final Map<String, WorkerRunner> workers;

	private final AtomicLong changes = new AtomicLong();

	private volatile @Nullable Sorted sorted;

	public WorkersByName(Map<String, WorkerRunner> workers) {
		this.workers = workers;
	}

	/**
	 * Register a worker under its name.
	 * @param name the worker's name
	 * @param runner its state machine
	 */
	public void put(String name, WorkerRunner runner) {
		this.workers.put(name, runner);
		this.changes.incrementAndGet();
	}

	/**
	 * Unregister a worker if the name is still its own.
	 * @param name the worker's name
	 * @param runner its state machine
	 * @return whether it was registered under the name
	 */
	public boolean remove(String name, WorkerRunner runner) {
		boolean removed = this.workers.remove(name, runner);
		if (removed) {
			this.changes.incrementAndGet();
		}
		return removed;
	}

	/**
	 * Every worker, ordered by name: the order of the last call unless a worker was added or
	 * removed since.
	 * @return the workers, unmodifiable
	 */
	public List<WorkerRunner> all() {
		long seen = this.changes.get();
		Sorted current = this.sorted;
		if (current != null && current.changes() == seen) {
			return current.runners();
		}
		WorkerRunner[] runners = this.workers.values().toArray(new WorkerRunner[0]);
		Arrays.sort(runners, BY_NAME);
		List<WorkerRunner> ordered = Collections.unmodifiableList(Arrays.asList(runners));
		this.sorted = new Sorted(seen, ordered);
		return ordered;
	}

	/**
	 * Every worker, ordered by name, if that order is known without sorting.
	 * @return the workers, unmodifiable, or {@code null} if a worker was added or removed since
	 * the last {@link #all()}
	 */
	public @Nullable List<WorkerRunner> ifKnown() {
		Sorted current = this.sorted;
		return (current != null && current.changes() == this.changes.get()) ? current.runners() : null;
	}

	private record Sorted(long changes, List<WorkerRunner> runners) {
	}

}
