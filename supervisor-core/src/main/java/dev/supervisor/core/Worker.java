package dev.supervisor.core;

/**
 * User code that a {@link Supervisor} runs and restarts.
 * <p>
 * A run ends in one of three ways, each an {@link RunOutcome}: the method returns
 * ({@code COMPLETED}), it throws ({@code FAILED}), or it ends after a stop was requested
 * ({@code STOPPED}, whatever it returned or threw). A stop is requested by setting
 * {@link WorkerContext#isStopRequested()} <em>and</em> interrupting the worker's thread,
 * so blocking JDK calls unblock.
 * <p>
 * Throw {@link DoNotRestartException} to end with {@code FAILED} and never be restarted.
 */
@FunctionalInterface
public interface Worker {

	/**
	 * Run until done, failed, or asked to stop.
	 * @param context the run's context: name, attempt, stop flag and a stop-aware sleep
	 * @throws Exception any failure; it ends the run as {@code FAILED}
	 */
	void run(WorkerContext context) throws Exception;

}
