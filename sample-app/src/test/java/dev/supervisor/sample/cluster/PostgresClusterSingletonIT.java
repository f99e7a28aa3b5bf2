package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.supervisor.sample.cluster.Heartbeats.Run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster singleton scenarios with JDBC locks in PostgreSQL's {@code INT_LOCK} table, the
 * lock registry auto-configured from the application's {@code DataSource}, and a series of
 * forced failovers whose heartbeat rows must never overlap.
 * <p>
 * The series has {@value #DEFAULT_FAILOVERS} failovers unless the system property
 * {@code cluster.failovers} says otherwise. A failover needs only the holder and one standby
 * up: the replacement of a killed or stopped holder starts in the background while the series
 * goes on, and a paused holder resumes as a standby.
 */
class PostgresClusterSingletonIT extends ClusterSingletonScenarios {

	static final int DEFAULT_FAILOVERS = 100;

	/**
	 * How much two runs' heartbeats may overlap: one side effect that began before its lease
	 * ended. Each beat is a row written after a check of {@code isStopRequested()}.
	 */
	static final Duration FENCING_WINDOW = HEARTBEAT;

	/** Replicas during the series, counting those still starting. */
	static final int SERIES_REPLICAS = 4;

	/** Replicas up before each failover of the series: the holder and one standby. */
	static final int READY_FOR_FAILOVER = 2;

	@Override
	List<String> lockArguments() {
		return List.of("--spring.profiles.active=cluster");
	}

	@Test
	@Order(5)
	void forcedFailoversNeverRunTheSingletonTwiceAndEachGapStaysWithinTheBound() throws Exception {
		int count = failovers();
		this.heartbeats.clear();
		Map<Kind, List<Duration>> gaps = new EnumMap<>(Kind.class);
		long began = System.nanoTime();
		long inFlight = 0;
		for (int i = 0; i < count; i++) {
			this.fleet.launch(SERIES_REPLICAS);
			Kind kind = Kind.values()[i % Kind.values().length];
			Failover failover = switch (kind) {
				case KILL -> killDashNine(READY_FOR_FAILOVER);
				case GRACEFUL -> graceful(READY_FOR_FAILOVER);
				case PAUSE -> pause(READY_FOR_FAILOVER);
			};
			gaps.computeIfAbsent(kind, (key) -> new ArrayList<>()).add(failover.gap());
			assertThat(failover.gap()).as("gap of failover %d (%s)", i, kind)
				.isLessThanOrEqualTo((kind == Kind.GRACEFUL) ? GRACEFUL_BOUND : FAILOVER_BOUND);
			assertThat(failover.writesBegunAfterPause()).as("writes begun after SIGSTOP, failover %d", i).isZero();
			assertThat(failover.writesAfterResume()).as("writes landed after SIGCONT, failover %d", i)
				.isLessThanOrEqualTo(1);
			inFlight += failover.writesAfterResume();
		}
		List<Run> runs = this.heartbeats.runs();
		for (int i = 1; i < runs.size(); i++) {
			Run previous = runs.get(i - 1);
			Run next = runs.get(i);
			long overlapMicros = previous.last() - next.first();
			assertThat(Duration.ofNanos(overlapMicros * 1000)).as("overlap of %s and %s", previous, next)
				.isLessThanOrEqualTo(FENCING_WINDOW);
		}
		report(count, gaps, inFlight, Duration.ofNanos(System.nanoTime() - began));
	}

	/**
	 * What a replica paused between its lock update and the commit leaves behind: a session
	 * inside a transaction that holds the {@code INT_LOCK} row. Every renewal and every takeover
	 * waits on that row; PostgreSQL must end such a session (docs/cluster.md), or the singleton
	 * stops on every replica until the session ends.
	 */
	@Test
	@Order(6)
	void aSessionStuckInsideItsLockUpdateDoesNotStallTheSingleton() throws Exception {
		this.fleet.awaitOneLeader(READY, 2);
		long began = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
		try (Connection stuck = this.database.connect()) {
			stuck.setAutoCommit(false);
			try (Statement statement = stuck.createStatement()) {
				assertThat(statement.executeUpdate("UPDATE INT_LOCK SET CREATED_DATE = CREATED_DATE")).isPositive();
			}
			// The session stays open inside its transaction while the singleton is watched: it
			// must be running past the bound of a failover after the row was locked.
			long bound = began + FAILOVER_BOUND.toNanos() / 1000;
			await().atMost(FAILOVER_BOUND.multipliedBy(3))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.heartbeats.lastBeatOfAny() > bound);
		}
		catch (SQLException ex) {
			// The server ended the stuck session, as it should; closing it may say so.
			assertThat(ex.getSQLState()).as("SQL state of %s", ex.getMessage()).startsWith("57P");
		}
	}

	/** The length of the series: system property {@code cluster.failovers}, a positive number. */
	private static int failovers() {
		String value = System.getProperty("cluster.failovers");
		if (value == null) {
			return DEFAULT_FAILOVERS;
		}
		try {
			int count = Integer.parseInt(value.strip());
			if (count > 0) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, with what is allowed.
		}
		throw new IllegalArgumentException(
				"System property cluster.failovers is '" + value + "': it must be a whole number of at least 1");
	}

	private void report(int count, Map<Kind, List<Duration>> gaps, long inFlight, Duration elapsed)
			throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("Failover of a cluster singleton, ").append(count).append(" failovers in ")
			.append(elapsed.toSeconds()).append(" s, lock-ttl ")
			.append(LOCK_TTL.toMillis()).append(" ms, fencing-margin ").append(FENCING_MARGIN.toMillis())
			.append(" ms, heartbeat ").append(HEARTBEAT.toMillis()).append(" ms\n");
		report.append("kind\tcount\tmedian ms\tp99 ms\tmax ms\tmax/ttl\n");
		for (Map.Entry<Kind, List<Duration>> entry : gaps.entrySet()) {
			List<Long> millis = entry.getValue().stream().map(Duration::toMillis).sorted(Comparator.naturalOrder()).toList();
			long median = millis.get(millis.size() / 2);
			long p99 = millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1));
			long max = millis.get(millis.size() - 1);
			report.append(entry.getKey().name().toLowerCase()).append('\t').append(millis.size()).append('\t')
				.append(median).append('\t').append(p99).append('\t').append(max).append('\t')
				.append(String.format(java.util.Locale.ROOT, "%.2f", max / (double) LOCK_TTL.toMillis()))
				.append('\n');
		}
		report.append("writes in flight when paused that landed after SIGCONT: ").append(inFlight).append('\n');
		System.out.println(report);
		Files.writeString(Path.of("target", "failover-figures.txt"), report);
	}

	enum Kind {

		KILL, GRACEFUL, PAUSE

	}

}
