package dev.supervisor.core.event;

import java.time.Duration;
import java.time.Instant;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.RunRecord;

/**
 * A worker needed more than {@code maxRestarts} restarts within {@code restartWindow} and was
 * given up: it is now {@link dev.supervisor.core.WorkerState#FATAL}. The application decides
 * what to do from {@link #escalation()} and {@link #critical()}.
 *
 * @param worker the worker name
 * @param cause the run that ended last
 * @param maxRestarts the restart limit
 * @param restartWindow the window the limit applies to
 * @param escalation what the worker's spec asks the application to do
 * @param critical whether the worker's failure makes the application unhealthy
 * @param at when
 */
public record RestartLimitBreachedEvent(String worker, RunRecord cause, int maxRestarts, Duration restartWindow,
		Escalation escalation, boolean critical, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		String last = (this.cause.exception() != null) ? " (last failure: " + this.cause.describeException() + ")"
				: "";
		return "Worker '" + this.worker + "' exceeded " + this.maxRestarts
				+ ((this.maxRestarts == 1) ? " restart" : " restarts") + " within "
				+ Durations.format(this.restartWindow) + " and was given up" + last + "; escalation "
				+ this.escalation.name().toLowerCase(java.util.Locale.ROOT);
	}

}
