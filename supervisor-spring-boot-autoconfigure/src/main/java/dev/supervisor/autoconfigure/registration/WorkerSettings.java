package dev.supervisor.autoconfigure.registration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.RestartPolicy;

/**
 * Worker settings declared with the worker itself, such as the attributes of
 * {@code @Supervised}; each {@code null} means "not set". Properties override them and they
 * override {@code supervisor.defaults}.
 *
 * @param restart when to restart
 * @param maxRestarts the restart limit, {@code -1} for none
 * @param restartWindow the window the restart limit applies to
 * @param healthyAfter how long a run must last to reset the backoff
 * @param startDelay the delay before the first run
 * @param backoffInitial the first backoff delay
 * @param backoffMax the largest backoff delay
 * @param backoffMultiplier the backoff growth factor
 * @param backoffJitter the backoff random spread
 * @param escalation what to do when the restart limit is breached
 * @param critical whether being given up makes the application unhealthy
 * @param autoStartup whether the worker starts with the application
 * @param singleton whether the worker is a cluster singleton
 */
public record WorkerSettings(@Nullable RestartPolicy restart, @Nullable Integer maxRestarts,
		@Nullable Duration restartWindow, @Nullable Duration healthyAfter, @Nullable Duration startDelay,
		@Nullable Duration backoffInitial, @Nullable Duration backoffMax, @Nullable Double backoffMultiplier,
		@Nullable Double backoffJitter, @Nullable Escalation escalation, @Nullable Boolean critical,
		@Nullable Boolean autoStartup, @Nullable Boolean singleton) {

	/** No settings at all: everything comes from properties and defaults. */
	public static final WorkerSettings NONE = new WorkerSettings(null, null, null, null, null, null, null, null, null,
			null, null, null, null);

}
