package dev.supervisor.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.WorkerContext;

/**
 * A cluster singleton (profile {@code cluster}): however many instances run, one at a time
 * reconciles, and records each heartbeat as a row {@code (replica, run start, beat)} in table
 * {@code singleton_heartbeat}, so anyone can check that no two instances ever overlapped.
 * <p>
 * The rule every singleton follows: check {@link WorkerContext#isStopRequested()} right before
 * each side effect. It turns true as soon as this instance's lease ends, even after a pause that
 * no thread noticed.
 */
@Component
@Profile("cluster")
public class Reconciler {

	private static final Logger logger = LoggerFactory.getLogger(Reconciler.class);

	private final JdbcTemplate jdbc;

	private final String replica;

	private final Duration interval;

	public Reconciler(JdbcTemplate jdbc, @Value("${sample.cluster.replica:}") String replica,
			@Value("${sample.cluster.heartbeat-interval:1s}") Duration interval) {
		this.jdbc = jdbc;
		this.replica = replica.isEmpty() ? String.valueOf(ProcessHandle.current().pid()) : replica;
		this.interval = interval;
	}

	@Supervised(name = "reconciler", singleton = "true")
	public void reconcile(WorkerContext context) {
		long runStart = micros(Instant.now());
		logger.info("Replica {} leads: reconciling", this.replica);
		do {
			// The beat is the instant before the check: a row whose beat is later than a pause
			// began was begun after it, past a check that must have stopped it.
			long beat = micros(Instant.now());
			if (context.isStopRequested()) {
				break;
			}
			this.jdbc.update("INSERT INTO singleton_heartbeat (replica, run_start, beat) VALUES (?, ?, ?)", this.replica,
					runStart, beat);
		}
		while (context.sleep(this.interval));
		logger.info("Replica {} stops reconciling", this.replica);
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

}
