package dev.supervisor.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of supervised workers.
 */
public enum SupervisorObservationDocumentation implements ObservationDocumentation {

	/**
	 * One run of a supervised worker, from just before its code starts until its outcome is
	 * decided, on the worker's own thread.
	 */
	WORKER_RUN {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWorkerRunObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of {@link #WORKER_RUN}: they become tags of the run timer.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The worker's name; for the workers of a worker table and the copies of a replicated
		 * worker, the table's or replicated worker's name unless they are tagged per key.
		 */
		WORKER {

			@Override
			public String asString() {
				return "worker";
			}

		},

		/**
		 * How the run ended: {@code completed}, {@code failed} or {@code stopped};
		 * {@code unknown} while it runs.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * The class name of what a failed run threw; {@code none} for any other run.
		 */
		EXCEPTION {

			@Override
			public String asString() {
				return "exception";
			}

		}

	}

	/**
	 * High-cardinality keys of {@link #WORKER_RUN}: on spans, never on meters.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * Which run this is since the worker was last started explicitly, {@code 0} for the
		 * first.
		 */
		ATTEMPT {

			@Override
			public String asString() {
				return "attempt";
			}

		},

		/**
		 * The worker's own name, where the low-cardinality {@code worker} key may be the name
		 * of its worker table or replicated worker.
		 */
		WORKER_NAME {

			@Override
			public String asString() {
				return "worker.name";
			}

		},

		/**
		 * The id of the OS process of a process worker's run; absent for other workers and for
		 * a process that did not start.
		 */
		PID {

			@Override
			public String asString() {
				return "pid";
			}

			@Override
			public boolean isRequired() {
				return false;
			}

		}

	}

}
