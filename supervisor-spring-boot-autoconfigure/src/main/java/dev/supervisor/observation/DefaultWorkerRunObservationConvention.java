package dev.supervisor.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.RunRecord;
import dev.supervisor.observation.SupervisorObservationDocumentation.HighCardinalityKeyNames;
import dev.supervisor.observation.SupervisorObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link WorkerRunObservationConvention}: an observation named
 * {@value #NAME}, a span named {@code run <worker>}, the {@code worker}, {@code outcome} and
 * {@code exception} low-cardinality keys and the {@code attempt}, {@code worker.name} and
 * {@code pid} high-cardinality keys. The {@code worker} key is the worker's name, or the table's
 * or replicated worker's name its meters share ({@link WorkerRunObservationContext#getWorkerTag()});
 * {@code worker.name} is always the worker's own name, on spans only.
 * <p>
 * A stopped run is not an error, whatever it threw on its way out: its {@code exception} is
 * {@code none}, as only failed runs count as panics.
 */
public class DefaultWorkerRunObservationConvention implements WorkerRunObservationConvention {

	/** The name of the observation, and of the timer the registry's meter handler makes of it. */
	public static final String NAME = "supervisor.worker.run";

	private static final String NONE = "none";

	private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "unknown");

	private static final KeyValue EXCEPTION_NONE = KeyValue.of(LowCardinalityKeyNames.EXCEPTION, NONE);

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WorkerRunObservationContext context) {
		return "run " + context.getWorkerName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkerRunObservationContext context) {
		return KeyValues.of(worker(context), outcome(context), exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkerRunObservationContext context) {
		KeyValues values = KeyValues.of(attempt(context), workerName(context));
		Long pid = context.getPid();
		return (pid != null) ? values.and(HighCardinalityKeyNames.PID.withValue(pid.toString())) : values;
	}

	protected KeyValue worker(WorkerRunObservationContext context) {
		return LowCardinalityKeyNames.WORKER.withValue(context.getWorkerTag());
	}

	protected KeyValue outcome(WorkerRunObservationContext context) {
		RunRecord run = context.getRun();
		return (run != null) ? LowCardinalityKeyNames.OUTCOME.withValue(run.outcome().tagValue()) : OUTCOME_UNKNOWN;
	}

	protected KeyValue exception(WorkerRunObservationContext context) {
		RunRecord run = context.getRun();
		if (run == null || run.outcome() != RunOutcome.FAILED || run.exception() == null) {
			return EXCEPTION_NONE;
		}
		return LowCardinalityKeyNames.EXCEPTION.withValue(run.exception());
	}

	protected KeyValue workerName(WorkerRunObservationContext context) {
		return HighCardinalityKeyNames.WORKER_NAME.withValue(context.getWorkerName());
	}

	protected KeyValue attempt(WorkerRunObservationContext context) {
		return HighCardinalityKeyNames.ATTEMPT.withValue(Integer.toString(context.getAttempt()));
	}

}
