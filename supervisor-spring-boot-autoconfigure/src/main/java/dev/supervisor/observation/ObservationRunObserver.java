package dev.supervisor.observation;

import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.supervisor.core.RunObserver;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Makes every run of every worker a Micrometer {@link Observation}
 * ({@link SupervisorObservationDocumentation#WORKER_RUN}), started and put in scope on the
 * worker's thread just before its code runs, so that with Micrometer Tracing the run is a span
 * and the worker's log lines carry its trace id. The observation ends once the run's outcome is
 * decided; a failed run records its exception as the observation's error. The run of a
 * {@link ProcessWorker} carries the process id.
 */
public final class ObservationRunObserver implements RunObserver {

	private static final WorkerRunObservationConvention DEFAULT_CONVENTION = new DefaultWorkerRunObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WorkerRunObservationConvention convention;

	private final Function<WorkerSpec, String> workerTags;

	/**
	 * Observe runs with the {@link DefaultWorkerRunObservationConvention}.
	 * @param registry where observations go
	 */
	public ObservationRunObserver(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Observe runs with a convention of one's own.
	 * @param registry where observations go
	 * @param convention names and key values of each observation, or {@code null} for the
	 * {@link DefaultWorkerRunObservationConvention}
	 */
	public ObservationRunObserver(ObservationRegistry registry, @Nullable WorkerRunObservationConvention convention) {
		this(registry, convention, WorkerSpec::name);
	}

	/**
	 * Observe runs with a convention of one's own and a cardinality policy for the
	 * {@code worker} key.
	 * @param registry where observations go
	 * @param convention names and key values of each observation, or {@code null} for the
	 * {@link DefaultWorkerRunObservationConvention}
	 * @param workerTags the low-cardinality {@code worker} value of a worker's runs
	 * ({@link WorkerRunObservationContext#getWorkerTag()})
	 */
	public ObservationRunObserver(ObservationRegistry registry, @Nullable WorkerRunObservationConvention convention,
			Function<WorkerSpec, String> workerTags) {
		this.registry = registry;
		this.convention = convention;
		this.workerTags = workerTags;
	}

	@Override
	public ObservedRun beforeRun(WorkerSpec spec, WorkerContext context) {
		WorkerRunObservationContext observationContext = new WorkerRunObservationContext(spec, context.attempt(),
				this.workerTags.apply(spec));
		Observation observation = SupervisorObservationDocumentation.WORKER_RUN
			.observation(this.convention, DEFAULT_CONVENTION, () -> observationContext, this.registry)
			.start();
		Observation.Scope scope = observation.openScope();
		return (run, thrown) -> {
			scope.close();
			observationContext.setRun(run);
			if (spec.worker() instanceof ProcessWorker process) {
				observationContext.setPid(process.snapshot().pid());
			}
			if (run.outcome() == RunOutcome.FAILED && thrown != null) {
				observation.error(thrown);
			}
			observation.stop();
		};
	}

	@Override
	public String toString() {
		return "ObservationRunObserver[" + ((this.convention != null) ? this.convention : DEFAULT_CONVENTION) + "]";
	}

}
