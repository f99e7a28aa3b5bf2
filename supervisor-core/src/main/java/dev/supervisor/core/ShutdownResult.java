package dev.supervisor.core;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Supervisor#shutdown()} achieved.
 *
 * @param stopped how many workers were active and stopped in time
 * @param stuck the names of workers whose threads were still alive when the timeout passed
 * @param took how long the shutdown took
 */
public record ShutdownResult(int stopped, List<String> stuck, Duration took) {

	public ShutdownResult {
		stuck = List.copyOf(stuck);
	}

	/**
	 * Whether every worker stopped within the timeout.
	 * @return {@code true} if no worker is stuck
	 */
	public boolean isClean() {
		return this.stuck.isEmpty();
	}

}
