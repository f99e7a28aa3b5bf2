package dev.supervisor.core;

import org.jspecify.annotations.Nullable;

/**
 * Wraps every run of every worker on the run's own thread: {@link #beforeRun} just before the
 * worker's code, {@link ObservedRun#afterRun} once the run's outcome is decided. Whatever
 * {@code beforeRun} puts in thread-local state (SLF4J's MDC, a tracing context) is what the
 * worker's code sees, which is how a run becomes a metrics observation or a span without the
 * engine knowing either.
 * <p>
 * Guarantees: both calls happen on the run's thread, in that order, never under a worker's
 * lock; {@code afterRun} is called exactly once for every {@code beforeRun} that returned, before
 * the run's events reach listeners and before the next run of the same thread begins. An
 * observer that throws is logged and ignored: the run goes on unobserved. A run that never
 * reached the worker's code (its thread could not be started) is not observed.
 * <p>
 * Register one with {@link Supervisor.Builder#runObserver(RunObserver)}.
 */
@FunctionalInterface
public interface RunObserver {

	/**
	 * Called on the run's thread just before the worker's code, with the worker's name in the
	 * MDC under {@code worker}.
	 * @param spec the worker
	 * @param context the run's context: name and attempt
	 * @return what to call once the run has ended
	 */
	ObservedRun beforeRun(WorkerSpec spec, WorkerContext context);

	/**
	 * One run being observed.
	 */
	@FunctionalInterface
	interface ObservedRun {

		/**
		 * Called on the run's thread once the run has ended and its outcome is decided; close
		 * here what {@link RunObserver#beforeRun} opened on this thread.
		 * @param run how the run ended
		 * @param thrown what the worker's code threw, or {@code null}; for a {@code STOPPED}
		 * run this is typically the interrupt that stopped it, not a failure
		 */
		void afterRun(RunRecord run, @Nullable Throwable thrown);

	}

}
