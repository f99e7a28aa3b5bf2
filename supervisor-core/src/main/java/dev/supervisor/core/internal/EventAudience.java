package dev.supervisor.core.internal;

import org.slf4j.event.Level;

/**
 * Whether anyone would hear an event of a given log level now: a listener, or the event log at
 * that level. Asked before the hot-path events of a run (started, ready, exited, restarting,
 * state changed) are made, so a supervisor nobody watches neither allocates nor queues them.
 * The events that end a worker's life or change its leadership are always made: the engine
 * itself acts on them.
 */
@FunctionalInterface
public interface EventAudience {

	/** Hears every event: what a worker whose events always matter uses. */
	EventAudience EVERYONE = (level) -> true;

	/**
	 * Whether an event logged at {@code level} has an audience.
	 * @param level the level the event log would write it at
	 * @return {@code true} if the event must be made and delivered
	 */
	boolean hears(Level level);

}
