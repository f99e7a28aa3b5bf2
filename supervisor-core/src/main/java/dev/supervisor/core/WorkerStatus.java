package dev.supervisor.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one worker, taken at one moment under the worker's lock.
 *
 * @param spec the worker's description
 * @param state the state at the moment of the snapshot
 * @param restarts how many times the worker was restarted since it was added: automatic
 * restarts plus explicit {@code restart} requests of a worker that had run before (a worker that
 * ran 4 times without explicit starts has 3); a first start or a start after a stop is not a
 * restart
 * @param startedAt when the current or last run began, or {@code null} if it never ran
 * @param lastExit the last finished run, or {@code null} if none finished yet
 * @param history recent finished runs, oldest first, bounded
 * @param leader whether this instance holds the worker's leadership; always {@code false} for a
 * worker that is not a {@link WorkerSpec#singleton() singleton}
 */
public record WorkerStatus(WorkerSpec spec, WorkerState state, int restarts, @Nullable Instant startedAt, @Nullable RunRecord lastExit,
		List<RunRecord> history, boolean leader) {

	public WorkerStatus {
		history = List.copyOf(history);
	}

	/**
	 * The worker's name.
	 * @return the name
	 */
	public String name() {
		return this.spec.name();
	}

}
