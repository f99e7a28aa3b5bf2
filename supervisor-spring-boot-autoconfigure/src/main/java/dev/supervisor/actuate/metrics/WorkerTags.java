package dev.supervisor.actuate.metrics;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.WorkerSpec;

/**
 * The cardinality policy of the {@code worker} tag: a worker's own name, except that the workers
 * of a worker table and the copies of a replicated worker share the table's or the replicated
 * worker's name, so 100,000 keyed workers make one series per meter rather than 100,000. A
 * predicate names the tables and replicated workers that opt back into one series per worker.
 * <p>
 * The meters of {@link SupervisorMetrics} and the low-cardinality {@code worker} key of each run
 * observation follow the same policy, so the run timer and the counters of a worker line up.
 */
public final class WorkerTags {

	private static final WorkerTags PER_WORKER = new WorkerTags((shared) -> true);

	private final Predicate<String> perKeyTags;

	/**
	 * A policy.
	 * @param perKeyTags given the name of a worker table or of a replicated worker, whether its
	 * workers are tagged each with its own name
	 */
	public WorkerTags(Predicate<String> perKeyTags) {
		this.perKeyTags = perKeyTags;
	}

	/**
	 * Workers of tables and copies of replicated workers tagged with the table's or replicated
	 * worker's name, none opting out.
	 * @return the policy
	 */
	public static WorkerTags shared() {
		return new WorkerTags((shared) -> false);
	}

	/**
	 * Every worker tagged with its own name.
	 * @return the policy
	 */
	public static WorkerTags perWorker() {
		return PER_WORKER;
	}

	/**
	 * The {@code worker} tag of a worker.
	 * @param spec the worker
	 * @param table the worker table it belongs to, or {@code null}
	 * @return the replicated worker's name for a copy, the table's name for a worker of a
	 * table, unless that name opts into per-key tags; the worker's own name otherwise
	 */
	public String tag(WorkerSpec spec, @Nullable String table) {
		String shared = (spec.replicaOf() != null) ? spec.replicaOf() : table;
		return (shared != null && !this.perKeyTags.test(shared)) ? shared : spec.name();
	}

}
