package dev.supervisor.core;

import dev.supervisor.core.event.SupervisorEvent;

/**
 * Receives every {@link SupervisorEvent}: state changes, run starts and outcomes, restarts,
 * restart-limit breaches, additions and removals.
 * <p>
 * Guarantees: the events of one worker arrive in the order they happened; no worker lock is
 * held during the call; a listener that throws is logged and ignored, and neither the worker
 * nor other listeners notice. Calls happen on whichever thread caused the event (a worker
 * thread, the scheduler's, or the caller of a control method), so a listener must be quick
 * and thread-safe.
 */
@FunctionalInterface
public interface SupervisorListener {

	/**
	 * Handle an event.
	 * @param event the event
	 */
	void onEvent(SupervisorEvent event);

}
