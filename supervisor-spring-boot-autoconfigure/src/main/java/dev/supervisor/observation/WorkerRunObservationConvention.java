package dev.supervisor.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the observation of a worker's run. Define a bean of this type to
 * replace {@link DefaultWorkerRunObservationConvention}, or extend that class to change one key.
 */
public interface WorkerRunObservationConvention extends ObservationConvention<WorkerRunObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkerRunObservationContext;
	}

}
