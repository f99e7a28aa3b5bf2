package dev.supervisor.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One finished run of a worker: when it ran, how it ended and, if it threw, what.
 * Only the exception's class name and message are kept, never the exception itself, so a
 * history of runs holds no references into user code.
 *
 * @param attempt the run's attempt number since the worker was last started explicitly
 * @param startedAt when the run began
 * @param endedAt when the run ended
 * @param duration how long the run lasted, measured on the supervisor's monotonic clock
 * @param outcome how the run ended
 * @param exception the fully qualified class name of what the run threw, or {@code null}
 * @param message the message of what the run threw, or {@code null}
 */
public record RunRecord(int attempt, Instant startedAt, Instant endedAt, Duration duration, RunOutcome outcome,
		@Nullable String exception, @Nullable String message) {

	/**
	 * A short description of the exception, such as {@code IOException: connection reset}.
	 * @return the description, or {@code null} if the run threw nothing
	 */
	public @Nullable String describeException() {
		if (this.exception == null) {
			return null;
		}
		String simpleName = this.exception.substring(this.exception.lastIndexOf('.') + 1);
		return (this.message != null) ? simpleName + ": " + this.message : simpleName;
	}

}
