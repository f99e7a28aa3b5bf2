package dev.supervisor.core;

/**
 * When a worker is restarted after a run ends. A {@link RunOutcome#STOPPED stopped} run is
 * never restarted, and neither is a run that threw {@link DoNotRestartException}.
 */
public enum RestartPolicy {

	/** Never restart; the worker ends {@link WorkerState#EXITED}. */
	NEVER,

	/** Restart after every run, even one that completed. */
	ALWAYS,

	/** Restart only after a run that failed. */
	ON_FAILURE;

	/**
	 * Whether a run that ended with the given outcome is restarted under this policy.
	 * @param outcome how the run ended
	 * @return {@code true} to restart
	 */
	public boolean restartsAfter(RunOutcome outcome) {
		return switch (this) {
			case NEVER -> false;
			case ALWAYS -> outcome != RunOutcome.STOPPED;
			case ON_FAILURE -> outcome == RunOutcome.FAILED;
		};
	}

}
