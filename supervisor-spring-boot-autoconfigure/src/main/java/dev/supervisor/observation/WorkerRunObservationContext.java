package dev.supervisor.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.supervisor.core.RunRecord;
import dev.supervisor.core.WorkerSpec;

/**
 * What an observation of one run of a supervised worker knows: the worker and the attempt from
 * the start, how the run ended once it has, and, for an OS process, the process id.
 */
public class WorkerRunObservationContext extends Observation.Context {

	private final WorkerSpec spec;

	private final int attempt;

	private final String workerTag;

	private @Nullable RunRecord run;

	private @Nullable Long pid;

	public WorkerRunObservationContext(WorkerSpec spec, int attempt) {
		this(spec, attempt, spec.name());
	}

	/**
	 * The context of one run.
	 * @param spec the worker being run
	 * @param attempt which run this is since the worker was last started explicitly
	 * @param workerTag the value of the low-cardinality {@code worker} key: the worker's name, or
	 * the name its meters share with other workers (a worker table's, a replicated worker's)
	 */
	public WorkerRunObservationContext(WorkerSpec spec, int attempt, String workerTag) {
		this.spec = spec;
		this.attempt = attempt;
		this.workerTag = workerTag;
	}

	/**
	 * The worker being run.
	 * @return its spec
	 */
	public WorkerSpec getSpec() {
		return this.spec;
	}

	public String getWorkerName() {
		return this.spec.name();
	}

	/**
	 * The value of the low-cardinality {@code worker} key, shared by the workers of a worker
	 * table and the copies of a replicated worker unless they are tagged per key.
	 * @return the tag
	 */
	public String getWorkerTag() {
		return this.workerTag;
	}

	/**
	 * Which run this is since the worker was last started explicitly, {@code 0} for the first.
	 * @return the attempt number
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * How the run ended.
	 * @return the finished run, or {@code null} while it runs
	 */
	public @Nullable RunRecord getRun() {
		return this.run;
	}

	public void setRun(@Nullable RunRecord run) {
		this.run = run;
	}

	/**
	 * The id of the OS process of a process worker's run.
	 * @return the pid, or {@code null} for other workers and for a process that did not start
	 */
	public @Nullable Long getPid() {
		return this.pid;
	}

	public void setPid(@Nullable Long pid) {
		this.pid = pid;
	}

}
