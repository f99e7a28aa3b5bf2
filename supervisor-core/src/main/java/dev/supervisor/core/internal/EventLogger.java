package dev.supervisor.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

/**
 * Writes each event to the {@code dev.supervisor.core.Supervisor} logger, with the worker's
 * name in the MDC under {@code worker} (a group's name for a group's event): a failure at WARN
 * with its stack trace, a breach of a worker's or a group's restart limit at ERROR, first starts,
 * restarts (of workers and by groups) and ends at INFO, the rest at DEBUG.
 */
public final class EventLogger {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private EventLogger() {
	}

	public static void log(SupervisorEvent event) {
		// Events are logged on whichever thread caused them, possibly another worker's: put
		// back that worker's name afterwards.
		String previous = MDC.get("worker");
		MDC.put("worker", event.worker());
		try {
			if (event instanceof WorkerExitedEvent exited) {
				if (exited.outcome() == RunOutcome.FAILED) {
					logger.warn("{}", exited, exited.exception());
				}
				else {
					logger.info("{}", exited);
				}
			}
			else if (event instanceof RestartLimitBreachedEvent || event instanceof GroupFatalEvent) {
				logger.error("{}", event);
			}
			else if (event instanceof WorkerRestartingEvent || event instanceof GroupRestartingEvent
					|| (event instanceof WorkerStartedEvent started && started.attempt() == 0)) {
				logger.info("{}", event);
			}
			else {
				logger.debug("{}", event);
			}
		}
		finally {
			if (previous != null) {
				MDC.put("worker", previous);
			}
			else {
				MDC.remove("worker");
			}
		}
	}

}
