package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
				"--logging.level.org.springframework.integration.jdbc.lock=DEBUG"));
		arguments.addAll(lockArguments());
		this.fleet = new Fleet(arguments);
	}

	@AfterAll
	void stopCluster() {
		if (this.fleet != null) {
			this.fleet.close();
		}
		if (this.database != null) {
			this.database.close();
		}
		stopLockStore();
	}

	@BeforeEach
	void threeReplicas() throws IOException {
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
		assertThat(failover.writesAfterResume()).as("rows written by the paused holder after SIGCONT").isZero();
	}

	Failover killDashNine() throws Exception {
		Replica holder = this.fleet.awaitOneLeader(READY);
		awaitFreshBeat(holder);
		this.fleet.kill(holder);
		return awaitTakeover(holder, 0);
	}

	Failover graceful() throws Exception {
		Replica holder = this.fleet.awaitOneLeader(READY);
		awaitFreshBeat(holder);
		this.fleet.terminate(holder);
		return awaitTakeover(holder, 0);
	}

	Failover pause() throws Exception {
		Replica holder = this.fleet.awaitOneLeader(READY);
		awaitFreshBeat(holder);
		Fleet.signal(holder, "STOP");
		try {
			Failover failover = awaitTakeover(holder, 0);
			// Paused past the time-to-live, as a long GC or a frozen VM would be.
			Thread.sleep(LOCK_TTL.toMillis());
			long before = this.heartbeats.count(holder.id());
			Fleet.signal(holder, "CONT");
			await().atMost(READY).until(() -> holder.state().equals("STANDBY"));
			Thread.sleep(HEARTBEAT.multipliedBy(10).toMillis());
			return failover.withWritesAfterResume(this.heartbeats.count(holder.id()) - before);
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
	private Failover awaitTakeover(Replica old, long unused) throws Exception {
		long oldLast = this.heartbeats.lastBeat(old.id());
		Run[] taken = new Run[1];
		await().atMost(READY).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			List<Run> later = this.heartbeats.runs()
				.stream()
				.filter((run) -> !run.replica().equals(old.id()) && run.first() > oldLast - 1)
				.toList();
			assertThat(later).isNotEmpty();
			taken[0] = later.get(0);
		});
		long gapMicros = taken[0].first() - this.heartbeats.lastBeat(old.id());
		return new Failover(old.id(), taken[0].replica(), Duration.ofNanos(gapMicros * 1000), 0);
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
	 * @param writesAfterResume rows a paused holder wrote once resumed
	 */
	record Failover(String from, String to, Duration gap, long writesAfterResume) {

		Failover withWritesAfterResume(long writes) {
			return new Failover(this.from, this.to, this.gap, writes);
		}

	}

}
