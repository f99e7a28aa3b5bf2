package dev.supervisor.core.event;

import java.time.Duration;
import java.time.Instant;

import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.WorkerSpec;

/**
 * A worker's run ended and its restart policy restarts it after a backoff delay.
 *
 * @param worker the worker name
 * @param cause the run that just ended
 * @param delay the backoff delay before the restart
 * @param restart which restart this is within the restart window, from 1; 0 when it does not
 * count toward the limit (after a completed run, or with unlimited restarts)
 * @param maxRestarts the restart limit, or {@link WorkerSpec#UNLIMITED_RESTARTS}
 * @param at when
 */
public record WorkerRestartingEvent(String worker, RunRecord cause, Duration delay, int restart, int maxRestarts,
		Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		String how = switch (this.cause.outcome()) {
			case FAILED -> "failed (" + this.cause.describeException() + ")";
			case COMPLETED -> "completed";
			case STOPPED -> "stopped";
		};
		String restarting = "Worker '" + this.worker + "' " + how + "; restarting in " + Durations.format(this.delay);
		if (this.cause.outcome() == RunOutcome.COMPLETED) {
			return restarting;
		}
		String limit = (this.maxRestarts == WorkerSpec.UNLIMITED_RESTARTS) ? "unlimited"
				: "attempt " + this.restart + " of " + this.maxRestarts;
		return restarting + " (" + limit + ")";
	}

}
