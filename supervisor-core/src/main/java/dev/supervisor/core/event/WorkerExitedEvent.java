package dev.supervisor.core.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.RunRecord;

/**
 * A run of a worker ended. What happens next follows in a {@link WorkerRestartingEvent}, a
 * {@link RestartLimitBreachedEvent} or a {@link WorkerStateChangedEvent}.
 *
 * @param worker the worker name
 * @param run the finished run
 * @param exception what the run threw, or {@code null}; only for listeners that want the
 * stack trace, never kept by the supervisor
 * @param at when
 */
public record WorkerExitedEvent(String worker, RunRecord run, @Nullable Throwable exception, Instant at)
		implements SupervisorEvent {

	/**
	 * How the run ended.
	 * @return the outcome
	 */
	public RunOutcome outcome() {
		return this.run.outcome();
	}

	@Override
	public String toString() {
		String what = switch (this.run.outcome()) {
			case COMPLETED -> "completed";
			case FAILED -> "failed (" + this.run.describeException() + ")";
			case STOPPED -> "stopped";
		};
		return "Worker '" + this.worker + "' " + what + " after " + Durations.format(this.run.duration());
	}

}
