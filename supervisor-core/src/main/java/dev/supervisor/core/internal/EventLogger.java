package dev.supervisor.core.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.event.LeadershipGrantedEvent;
import dev.supervisor.core.event.LeadershipRevokedEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

/**
 * Writes each event to the {@code dev.supervisor.core.Supervisor} logger, with the worker's
 * name in the MDC under {@code worker} (a group's name for a group's event): a failure at WARN
 * with its stack trace, a breach of a worker's or a group's restart limit at ERROR, a singleton's
 * lease running out at WARN, first starts, restarts (of workers and by groups), ends and
 * leadership changes at INFO, the rest at DEBUG.
 */
public final class EventLogger {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private EventLogger() {
	}

	/**
	 * Log an event; never throws.
	 * @param event the event
	 */
	public static void log(SupervisorEvent event) {
		try {
			logSafely(event);
		}
		catch (Throwable ex) {
			// A broken logging backend must not break the engine; there is nowhere to report it.
		}
	}

	/**
	 * Whether the event log writes at a level, so an event of that level need not be made when
	 * nothing else hears it.
	 * @param level the level
	 * @return whether the logger is enabled for it
	 */
	public static boolean isEnabled(Level level) {
		return switch (level) {
			case ERROR -> logger.isErrorEnabled();
			case WARN -> logger.isWarnEnabled();
			case INFO -> logger.isInfoEnabled();
			case DEBUG -> logger.isDebugEnabled();
			case TRACE -> logger.isTraceEnabled();
		};
	}

	/**
	 * The level of a run's end: a failure at WARN, any other end at INFO.
	 * @param outcome how the run ended
	 * @return the level its {@link WorkerExitedEvent} is logged at
	 */
	public static Level exitLevel(RunOutcome outcome) {
		return (outcome == RunOutcome.FAILED) ? Level.WARN : Level.INFO;
	}

	/**
	 * The level of a run's start: a first start at INFO, a restart's start at DEBUG (the
	 * restart itself is logged at INFO).
	 * @param attempt the run's attempt
	 * @return the level its {@link WorkerStartedEvent} is logged at
	 */
	public static Level startLevel(int attempt) {
		return (attempt == 0) ? Level.INFO : Level.DEBUG;
	}

	private static void logSafely(SupervisorEvent event) {
		// Events are logged on whichever thread caused them, possibly another worker's: put
		// back that worker's name afterwards.
		String previous = MDC.get("worker");
		MDC.put("worker", event.worker());
		try {
			if (event instanceof WorkerExitedEvent exited) {
				if (exitLevel(exited.outcome()) == Level.WARN) {
					warn(exited, exited.exception());
				}
				else {
					logger.info("{}", exited);
				}
			}
			else if (event instanceof RestartLimitBreachedEvent || event instanceof GroupFatalEvent) {
				logger.error("{}", event);
			}
			else if (event instanceof LeadershipRevokedEvent revoked
					&& revoked.reason() == LeadershipRevokedEvent.Reason.LEASE_EXPIRED) {
				logger.warn("{}", event);
			}
			else if (event instanceof WorkerRestartingEvent || event instanceof GroupRestartingEvent
					|| event instanceof LeadershipGrantedEvent || event instanceof LeadershipRevokedEvent
					|| (event instanceof WorkerStartedEvent started && startLevel(started.attempt()) == Level.INFO)) {
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

	/**
	 * Log at WARN with a stack trace, or without it if rendering it fails: a logger reads the
	 * throwable's message, which user code may make throw.
	 * @param message what happened
	 * @param thrown the throwable to show, possibly hostile
	 */
	public static void warn(Object message, @Nullable Throwable thrown) {
		try {
			logger.warn("{}", message, thrown);
		}
		catch (Throwable ex) {
			try {
				logger.warn("{} ({} could not be read: {}; logged with its stack trace only)", message,
						(thrown != null) ? thrown.getClass().getName() : null, ex.getClass().getName(),
						standIn(thrown));
			}
			catch (Throwable ignored) {
				// Nothing more can be said safely.
			}
		}
	}

	/** A throwable that says only what is safe to read of a hostile one: its class and stack. */
	private static Throwable standIn(@Nullable Throwable thrown) {
		Throwable standIn = new UnreadableThrowable((thrown != null) ? thrown.getClass().getName() : "null");
		try {
			standIn.setStackTrace(thrown.getStackTrace());
		}
		catch (Throwable ex) {
			standIn.setStackTrace(new StackTraceElement[0]);
		}
		return standIn;
	}

	private static final class UnreadableThrowable extends Throwable {

		private static final long serialVersionUID = 1L;

		UnreadableThrowable(String className) {
			super(className + " (its message could not be read)", null, false, true);
		}

	}

}
