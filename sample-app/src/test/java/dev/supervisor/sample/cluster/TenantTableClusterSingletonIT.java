package dev.supervisor.sample.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.supervisor.sample.cluster.Fleet.Replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker table whose keys are cluster singletons, across three replicas of the packaged sample
 * (each its own JVM) on a real PostgreSQL: thirty tenants, {@code max-per-instance} 15 so that
 * two replicas can hold them all. Every key runs on exactly one replica, no replica leads more
 * than 15, and the keys of a replica killed with {@code kill -9} start on the two others within
 * the lock's time-to-live plus one second.
 * <p>
 * The takeover is measured from the endpoints' {@code startedAt} of each moved key, not from the
 * test's polling; the replicas run on this machine, so their clocks agree with the test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantTableClusterSingletonIT {

	static final int KEYS = 30;

	static final int CAP = 15;

	static final Duration LOCK_TTL = Duration.ofSeconds(4);

	static final Duration TAKEOVER_BOUND = LOCK_TTL.plusSeconds(1);

	static final Duration READY = Duration.ofSeconds(120);

	static final List<String> WORKERS = IntStream.rangeClosed(1, KEYS)
		.mapToObj((i) -> String.format("tenants-t%02d", i))
		.toList();

	private PostgresServer database;

	private Fleet fleet;

	/** The most keys any poll saw led by each replica. */
	private final Map<String, Integer> mostLed = new HashMap<>();

	@BeforeAll
	void startCluster() throws Exception {
		this.database = PostgresServer.start();
		String tenants = IntStream.rangeClosed(1, KEYS)
			.mapToObj((i) -> String.format("('t%02d')", i))
			.collect(Collectors.joining(", "));
		this.database.execute(ClusterSingletonScenarios.intLockTableFromSpringIntegrationsScript() + ";"
				+ Heartbeats.TABLE_DDL + ";" + "CREATE TABLE tenant (name VARCHAR(64) PRIMARY KEY);"
				+ "INSERT INTO tenant (name) VALUES " + tenants);
		this.fleet = new Fleet(List.of("--spring.profiles.active=cluster",
				"--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.username(), "--spring.sql.init.mode=never",
				"--supervisor.cluster.lock-ttl=" + LOCK_TTL.toMillis() + "ms", "--supervisor.cluster.fencing-margin=1s",
				"--supervisor.tables.tenants.singleton=true", "--supervisor.tables.tenants.max-per-instance=" + CAP,
				"--supervisor.tables.tenants.refresh=1s", "--logging.level.root=WARN",
				"--logging.level.dev.supervisor=INFO"));
		this.fleet.fill(3);
	}

	@AfterAll
	void stopCluster() {
		if (this.fleet != null) {
			this.fleet.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	@Order(1)
	void everyKeyRunsOnExactlyOneReplicaAndNoReplicaLeadsMoreThanItsCap() {
		Map<String, List<String>> led = awaitEveryKeyRunningOnce(this.fleet.replicas(), READY);

		System.out.println("Keys led per replica: " + counts(led));
		for (Map.Entry<String, List<String>> replica : led.entrySet()) {
			assertThat(replica.getValue()).as("keys led by %s", replica.getKey()).hasSizeLessThanOrEqualTo(CAP);
		}
		assertThat(this.mostLed.values()).as("most keys any replica was seen leading").allMatch((n) -> n <= CAP);
	}

	@Test
	@Order(2)
	void theKeysOfAKilledReplicaStartOnTheOthersWithinTheLockTtlAndOneSecond() throws Exception {
		Map<String, List<String>> before = awaitEveryKeyRunningOnce(this.fleet.replicas(), READY);
		Replica victim = this.fleet.replicas()
			.stream()
			.max((a, b) -> Integer.compare(before.get(a.id()).size(), before.get(b.id()).size()))
			.orElseThrow();
		List<String> moving = before.get(victim.id());
		assertThat(moving).isNotEmpty();

		Instant killedAt = Instant.now();
		this.fleet.kill(victim);

		List<Replica> survivors = this.fleet.replicas();
		Map<String, List<String>> after = awaitEveryKeyRunningOnce(survivors, Duration.ofSeconds(60));
		System.out.println("Keys led per replica after killing " + victim.id() + ": " + counts(after));
		for (List<String> keys : after.values()) {
			assertThat(keys).hasSizeLessThanOrEqualTo(CAP);
		}
		Duration slowest = Duration.ZERO;
		for (Replica survivor : survivors) {
			for (JsonNode worker : survivor.app().json("/actuator/supervisor").get("workers")) {
				if (moving.contains(worker.get("name").asString()) && worker.get("state").asString().equals("RUNNING")) {
					Duration took = Duration.between(killedAt, Instant.parse(worker.get("startedAt").asString()));
					slowest = (took.compareTo(slowest) > 0) ? took : slowest;
				}
			}
		}
		System.out.println("Slowest of " + moving.size() + " moved keys started " + slowest.toMillis()
				+ " ms after kill -9 (lock-ttl " + LOCK_TTL.toMillis() + " ms)");
		assertThat(slowest).as("time from kill -9 to the last moved key's start").isLessThanOrEqualTo(TAKEOVER_BOUND);
		assertThat(this.mostLed.values()).as("most keys any replica was seen leading").allMatch((n) -> n <= CAP);
	}

	/**
	 * Wait until each of the table's keys is running on exactly one of the replicas (and in
	 * standby on the others), recording on the way the most keys each replica was seen leading.
	 * @return the keys running on each replica, by replica id
	 */
	private Map<String, List<String>> awaitEveryKeyRunningOnce(List<Replica> replicas, Duration timeout) {
		Map<String, List<String>> running = new HashMap<>();
		await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			running.clear();
			List<String> all = new ArrayList<>();
			for (Replica replica : replicas) {
				List<String> here = new ArrayList<>();
				int leading = 0;
				for (JsonNode worker : replica.app().json("/actuator/supervisor").get("workers")) {
					String name = worker.get("name").asString();
					if (!WORKERS.contains(name)) {
						continue;
					}
					if (worker.path("leader").asBoolean(false)) {
						leading++;
					}
					if (worker.get("state").asString().equals("RUNNING")) {
						here.add(name);
					}
				}
				this.mostLed.merge(replica.id(), leading, Math::max);
				running.put(replica.id(), here);
				all.addAll(here);
			}
			assertThat(all).as("keys running, over all replicas").containsExactlyInAnyOrderElementsOf(WORKERS);
		});
		return running;
	}

	private static Map<String, Integer> counts(Map<String, List<String>> led) {
		Map<String, Integer> counts = new HashMap<>();
		led.forEach((replica, keys) -> counts.put(replica, keys.size()));
		return counts;
	}

}
