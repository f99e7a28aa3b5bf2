package dev.supervisor.core;

/**
 * What happens beyond the worker itself when it breaches its restart limit and goes
 * {@link WorkerState#FATAL}. The engine reports the breach through a
 * {@link dev.supervisor.core.event.RestartLimitBreachedEvent} carrying this value; the
 * application (for example the Spring Boot integration) acts on it.
 */
public enum Escalation {

	/** The worker stays down; a critical worker turns health DOWN. */
	NONE,

	/** The whole application shuts down with a non-zero exit code. */
	SHUTDOWN

}
