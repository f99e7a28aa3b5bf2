package dev.supervisor.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a supervised worker, in supervisord's vocabulary.
 * <pre>
 *                 start                 run ends, policy restarts
 *   STOPPED ──► STARTING ──► RUNNING ─────────────────────────► BACKOFF ──┐
 *     ▲  (start-delay)        │  │ ▲                                    │
 *     │                       │  │ └──────────── backoff elapsed ───────┘
 *     │            stop       │  ├─ run ends, policy does not restart ──► EXITED
 *     └──── STOPPING ◄────────┘  └─ restart limit breached ────────────► FATAL
 * </pre>
 * A stop makes an {@code EXITED} or {@code FATAL} worker {@code STOPPED}. A group that gives
 * up makes each member {@code FATAL} from whatever state it is in (a running member through
 * {@code STOPPING}).
 * A cluster singleton ({@link WorkerSpec#singleton()}) that is started without holding its
 * leadership waits in {@code STANDBY} instead; leadership granted moves it on as a start would,
 * and leadership lost stops its run and brings it back to {@code STANDBY}.
 * {@link #canMoveTo(WorkerState)} holds the only table of allowed transitions.
 */
public enum WorkerState {

	/** A start was requested and its start delay is pending. */
	STARTING,

	/** The worker's code is running on its thread. */
	RUNNING,

	/** The last run ended and a restart is scheduled after a backoff delay. */
	BACKOFF,

	/** A stop was requested and the worker's thread has not ended yet. */
	STOPPING,

	/** Stopped on request, or never started. */
	STOPPED,

	/** The last run ended and the restart policy says not to restart. */
	EXITED,

	/** The restart limit was breached; the worker was given up. */
	FATAL,

	/** A cluster singleton waiting for its leadership on this instance. */
	STANDBY;

	private static final Set<WorkerState> ACTIVE = EnumSet.of(STARTING, RUNNING, BACKOFF, STOPPING, STANDBY);

	/**
	 * Whether the worker is doing or about to do something: its thread is alive or a start is
	 * scheduled, or it waits for its leadership to run.
	 * @return {@code true} for {@code STARTING}, {@code RUNNING}, {@code BACKOFF}, {@code STOPPING},
	 * {@code STANDBY}
	 */
	public boolean isActive() {
		return ACTIVE.contains(this);
	}

	/**
	 * Whether a worker in this state may move to the target state.
	 * @param target the next state
	 * @return {@code true} if the transition is allowed
	 */
	public boolean canMoveTo(WorkerState target) {
		return switch (this) {
			case STOPPED -> target == STARTING || target == RUNNING || target == STANDBY || target == FATAL;
			case EXITED -> target == STARTING || target == RUNNING || target == STOPPED || target == STANDBY || target == FATAL;
			case FATAL -> target == STARTING || target == RUNNING || target == STOPPED || target == STANDBY;
			case STARTING, BACKOFF -> target == RUNNING || target == STOPPED || target == STANDBY || target == FATAL;
			case RUNNING -> target == STOPPING || target == BACKOFF || target == EXITED || target == FATAL;
			case STOPPING -> target == STOPPED || target == STARTING || target == RUNNING || target == STANDBY || target == FATAL;
			case STANDBY -> target == STARTING || target == RUNNING || target == STOPPED || target == FATAL;
		};
	}

}
