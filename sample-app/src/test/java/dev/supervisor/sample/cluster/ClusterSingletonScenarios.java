package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.supervisor.sample.cluster.Fleet.Replica;
import dev.supervisor.sample.cluster.Heartbeats.Run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster singleton across three replicas of the packaged sample, each its own JVM, on a real
 * PostgreSQL: the singleton runs on exactly one, moves when its holder is killed, stopped or
 * paused, and never runs on two at once. Each subclass elects with another lock store.
 * <p>
 * Time here is real time: the bounds are the contract's (lock-ttl plus one second), measured
 * from the singleton's own heartbeat rows, not from the test's polling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterSingletonScenarios {

	static final Duration LOCK_TTL = Duration.ofSeconds(4);

	static final Duration FENCING_MARGIN = Duration.ofSeconds(1);

	static final Duration HEARTBEAT = Duration.ofMillis(50);

	/** What the contract allows between the old holder's last beat and the new one's first. */
	static final Duration FAILOVER_BOUND = LOCK_TTL.plusSeconds(1);

	static final Duration GRACEFUL_BOUND = Duration.ofSeconds(1);

	static final Duration READY = Duration.ofSeconds(120);

	/**
	 * How long a paused holder stays paused once another replica took over. By then it has been
	 * paused for at least the time-to-live less one renewal (500 ms at most), so one more second
	 * puts the pause past the time-to-live.
	 */
	static final Duration PAUSED_AFTER_TAKEOVER = Duration.ofSeconds(1);

	PostgresServer database;

	Heartbeats heartbeats;

	Fleet fleet;

	/** The arguments that choose the lock store. */
	abstract List<String> lockArguments() throws IOException;

	/** Start the lock store, before the database and the replicas. */
	void startLockStore() throws IOException {
	}

	void stopLockStore() {
	}

	@BeforeAll
	void startCluster() throws Exception {
		startLockStore();
		this.database = PostgresServer.start();
		// The sample's own tables too: its tenants table is read by every replica.
		this.database.execute(intLockTableFromSpringIntegrationsScript() + ";" + Heartbeats.TABLE_DDL + ";"
				+ "CREATE TABLE tenant (name VARCHAR(64) PRIMARY KEY)");
		this.heartbeats = new Heartbeats(this.database);
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.username(), "--spring.sql.init.mode=never",
				"--supervisor.cluster.lock-ttl=" + LOCK_TTL.toMillis() + "ms",
				"--supervisor.cluster.fencing-margin=" + FENCING_MARGIN.toMillis() + "ms",
				"--sample.cluster.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms", "--logging.level.root=WARN",
				"--logging.level.dev.supervisor=INFO",
				"--logging.level.org.springframework.integration.support.leader=DEBUG",
				"--logging.level.org.springframework.integration.jdbc.lock=DEBUG",
				// Only the singleton matters here: the sample's demo workers, its shell process
				// and its tracing would take CPU from replicas that start during a failover.
				"--supervisor.processes.ticker.enabled=false", "--supervisor.workers.flaky.enabled=false",
				"--supervisor.workers.importer.enabled=false", "--management.tracing.sampling.probability=0.0"));
		arguments.addAll(lockArguments());
		this.fleet = new Fleet(arguments);
	}

	@AfterAll
	void stopCluster() {
		if (this.fleet != null) {
			this.fleet.close();
		}
		if (this.heartbeats != null) {
			this.heartbeats.close();
		}
		if (this.database != null) {
			this.database.close();
		}
		stopLockStore();
	}

	@BeforeEach
	void threeReplicas() throws Exception {
		this.fleet.fill(3);
	}

	@Test
	@Order(1)
	void threeReplicasRunTheSingletonOnceAndTheOthersStandBy() throws Exception {
		Replica leader = this.fleet.awaitOneLeader(READY);

		assertThat(leader.app().worker(Fleet.SINGLETON).get("leader").asBoolean()).isTrue();
		for (Replica replica : this.fleet.replicas()) {
			if (replica != leader) {
				assertThat(replica.app().worker(Fleet.SINGLETON).get("leader").asBoolean()).isFalse();
				assertThat(replica.app().json("/actuator/health").get("status").asString()).isEqualTo("UP");
			}
		}
		await().untilAsserted(() -> assertThat(this.heartbeats.count(leader.id())).isPositive());
	}

	@Test
	@Order(2)
	void killingTheHolderMovesTheSingletonWithinTheLockTtlAndOneSecond() throws Exception {
		Failover failover = killDashNine();
		assertThat(failover.gap()).as("gap after kill -9").isLessThanOrEqualTo(FAILOVER_BOUND);
	}

	@Test
	@Order(3)
	void stoppingTheHolderHandsTheSingletonOverWithinOneSecond() throws Exception {
		Failover failover = graceful();
		assertThat(failover.gap()).as("gap after SIGTERM").isLessThanOrEqualTo(GRACEFUL_BOUND);
	}

	@Test
	@Order(4)
	void aHolderPausedPastItsLeaseWritesNothingOnceResumed() throws Exception {
		Failover failover = pause();
		assertThat(failover.gap()).as("gap after SIGSTOP").isLessThanOrEqualTo(FAILOVER_BOUND);
		assertThat(failover.writesBegunAfterPause()).as("rows the paused holder began after SIGSTOP").isZero();
		assertThat(failover.writesAfterResume()).as("rows landed after SIGCONT: at most the one in flight")
			.isLessThanOrEqualTo(1);
	}

	/** Kill the holder with SIGKILL once every replica is up. */
	Failover killDashNine() throws Exception {
		return killDashNine(this.fleet.replicas().size());
	}

	/**
	 * Kill the holder with SIGKILL once at least {@code ready} replicas are up.
	 * @param ready how many replicas must be up, the holder included: at least 2
	 */
	Failover killDashNine(int ready) throws Exception {
		Replica holder = this.fleet.awaitOneLeader(READY, ready);
		awaitFreshBeat(holder);
		this.fleet.kill(holder);
		return awaitTakeover(holder);
	}

	/** Stop the holder with SIGTERM once every replica is up. */
	Failover graceful() throws Exception {
		return graceful(this.fleet.replicas().size());
	}

	/**
	 * Stop the holder with SIGTERM once at least {@code ready} replicas are up.
	 * @param ready how many replicas must be up, the holder included: at least 2
	 */
	Failover graceful(int ready) throws Exception {
		Replica holder = this.fleet.awaitOneLeader(READY, ready);
		awaitFreshBeat(holder);
		this.fleet.terminate(holder);
		return awaitTakeover(holder);
	}

	/** Pause the holder with SIGSTOP past its lease, then resume it, once every replica is up. */
	Failover pause() throws Exception {
		return pause(this.fleet.replicas().size());
	}

	/**
	 * Pause the holder with SIGSTOP past its lease, then resume it with SIGCONT, once at least
	 * {@code ready} replicas are up. The resumed replica stays, as a standby.
	 * @param ready how many replicas must be up, the holder included: at least 2
	 */
	Failover pause(int ready) throws Exception {
		Replica holder = this.fleet.awaitOneLeader(READY, ready);
		awaitFreshBeat(holder);
		Fleet.signal(holder, "STOP");
		// Every beat the paused holder took before the pause is earlier than this.
		long stopped = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
		try {
			Failover failover = awaitTakeover(holder);
			// Paused past the time-to-live, as a long GC or a frozen VM would be.
			Thread.sleep(PAUSED_AFTER_TAKEOVER.toMillis());
			long before = this.heartbeats.count(holder.id());
			Fleet.signal(holder, "CONT");
			await().atMost(READY).until(() -> holder.state().equals("STANDBY"));
			Thread.sleep(HEARTBEAT.multipliedBy(10).toMillis());
			return failover.withWritesAfterResume(this.heartbeats.count(holder.id()) - before,
					this.heartbeats.countLaterThan(holder.id(), stopped));
		}
		finally {
			Fleet.signal(holder, "CONT");
		}
	}

	/** Wait for a beat newer than the last one seen, so a disruption lands between beats. */
	private void awaitFreshBeat(Replica holder) throws Exception {
		long last = this.heartbeats.lastBeat(holder.id());
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.heartbeats.lastBeat(holder.id()) > last);
	}

	/** Wait for another replica's first beat after the old holder's last one. */
	private Failover awaitTakeover(Replica old) throws Exception {
		long oldLast = this.heartbeats.lastBeat(old.id());
		Run taken = await().atMost(READY)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.heartbeats.firstRunOfAnotherSince(old.id(), oldLast), Optional::isPresent)
			.orElseThrow();
		long gapMicros = taken.first() - this.heartbeats.lastBeat(old.id());
		return new Failover(old.id(), taken.replica(), Duration.ofNanos(gapMicros * 1000), 0, 0);
	}

	static String intLockTableFromSpringIntegrationsScript() throws IOException {
		try (InputStream script = ClusterSingletonScenarios.class
			.getResourceAsStream("/org/springframework/integration/jdbc/schema-postgresql.sql")) {
			assertThat(script).as("Spring Integration's PostgreSQL schema script").isNotNull();
			String text = new String(script.readAllBytes(), StandardCharsets.UTF_8);
			return Stream.of(text.split(";"))
				.map(String::strip)
				.filter((statement) -> statement.startsWith("CREATE TABLE INT_LOCK"))
				.findFirst()
				.orElseThrow();
		}
	}

	/**
	 * One hand-over of the singleton.
	 *
	 * @param from the old holder
	 * @param to the new holder
	 * @param gap from the old holder's last beat to the new holder's first: the time the
	 * singleton did not run (negative if they overlapped)
	 * @param writesAfterResume rows of a paused holder that landed once it resumed: at most the
	 * one whose check passed before the pause, the fencing window the documentation describes
	 * @param writesBegunAfterPause rows of a paused holder whose beat, taken before each check,
	 * is later than the pause: side effects that passed a check they should have failed
	 */
	record Failover(String from, String to, Duration gap, long writesAfterResume, long writesBegunAfterPause) {

		Failover withWritesAfterResume(long landed, long begun) {
			return new Failover(this.from, this.to, this.gap, landed, begun);
		}

	}

}
