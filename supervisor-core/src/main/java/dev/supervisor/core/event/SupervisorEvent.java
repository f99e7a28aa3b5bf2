package dev.supervisor.core.event;

import java.time.Instant;

/**
 * Something that happened to a supervised worker. Every event is immutable and its
 * {@code toString()} is a sentence fit for a log line.
 * <p>
 * Listeners receive the events of one worker in the order they happened, and never while the
 * worker's lock is held. Events of different workers may interleave. A run's end comes first
 * ({@link WorkerExitedEvent}), then the decision it led to ({@link WorkerRestartingEvent} or
 * {@link RestartLimitBreachedEvent}), then the {@link WorkerStateChangedEvent}. A status
 * snapshot may show a new state a moment before listeners hear of it.
 */
public sealed interface SupervisorEvent permits WorkerAddedEvent, WorkerRemovedEvent, WorkerStateChangedEvent,
		WorkerStartedEvent, WorkerReadyEvent, WorkerExitedEvent, WorkerRestartingEvent, RestartLimitBreachedEvent,
		GroupAddedEvent, GroupRemovedEvent, GroupRestartingEvent, GroupFatalEvent, LeadershipGrantedEvent,
		LeadershipRevokedEvent {

	/**
	 * The name of the worker the event is about; for a group's event, the group's name (workers
	 * and groups share one namespace).
	 * @return the worker or group name
	 */
	String worker();

	/**
	 * When it happened, on the supervisor's clock.
	 * @return the time
	 */
	Instant at();

}
