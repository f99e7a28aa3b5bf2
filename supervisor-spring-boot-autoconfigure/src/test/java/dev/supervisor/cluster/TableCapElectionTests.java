package dev.supervisor.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.support.locks.LockRegistry;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The keys of a singleton worker table with a {@code max-per-instance}, elected by several
 * "replicas" in one JVM (a supervisor and its elections each) on one shared lock registry: every
 * key runs on exactly one replica, no replica leads more keys than its cap, and the keys of a
 * replica that leaves move to those below their cap.
 * <p>
 * The shared registry holds one lock per key: Spring Integration's {@code DefaultLockRegistry}
 * stripes keys over a fixed table of locks, so two keys could share one lock there.
 */
class TableCapElectionTests {

	private static final List<String> THIRTY_KEYS = IntStream.rangeClosed(1, 30)
		.mapToObj((i) -> String.format("t%02d", i))
		.toList();

	private static final Duration TAKEOVER = Duration.ofSeconds(20);

	private final LockRegistry<Lock> locks = new OneLockPerKey();

	private final List<Replica> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(Replica::close);
	}

	@Test
	void threeReplicasRunEveryKeyExactlyOnceNoneAboveItsCap() {
		Replica first = start(12);
		Replica second = start(12);
		Replica third = start(12);

		await().atMost(TAKEOVER).untilAsserted(() -> assertEveryKeyRunsOnce(first, second, third));
		for (Replica replica : List.of(first, second, third)) {
			assertThat(replica.leading()).as("keys led by one replica").hasSizeBetween(30 - 2 * 12, 12);
			assertThat(replica.mostRunningAtOnce).as("most keys ever running at once on one replica")
				.hasValueLessThanOrEqualTo(12);
		}
	}

	@Test
	void aReplicaAtItsCapTakesNoFurtherKeyAndTheNextReplicaTakesTheRest() {
		Replica first = start(12);
		await().atMost(TAKEOVER).untilAsserted(() -> assertThat(first.running()).hasSize(12));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(first.leading()).as("at its cap for several heartbeats").hasSize(12));
		assertThat(first.standby()).hasSize(18);

		Replica second = start(12);
		await().atMost(TAKEOVER).untilAsserted(() -> assertThat(second.running()).hasSize(12));
		Replica third = start(12);

		await().atMost(TAKEOVER).untilAsserted(() -> assertEveryKeyRunsOnce(first, second, third));
		assertThat(third.leading()).as("the keys the first two replicas could not take").hasSize(6);
		assertThat(first.leading()).as("a replica at its cap gives up none of its keys").hasSize(12);
	}

	@Test
	void theKeysOfAReplicaThatLeavesMoveToTheReplicasBelowTheirCap() {
		Replica first = start(15);
		Replica second = start(15);
		Replica third = start(15);
		await().atMost(TAKEOVER).untilAsserted(() -> assertEveryKeyRunsOnce(first, second, third));
		Replica leaving = (first.leading().isEmpty()) ? second : first;
		List<String> moving = leaving.leading();
		assertThat(moving).isNotEmpty();

		leaving.close();

		List<Replica> staying = new ArrayList<>(List.of(first, second, third));
		staying.remove(leaving);
		await().atMost(TAKEOVER).untilAsserted(() -> assertEveryKeyRunsOnce(staying.toArray(Replica[]::new)));
		for (Replica replica : staying) {
			assertThat(replica.leading()).hasSize(15);
			assertThat(replica.mostRunningAtOnce).hasValueLessThanOrEqualTo(15);
		}
	}

	@Test
	void keysReleasedByAReplicaGiveBackItsPermitsSoItLeadsUpToItsCapAgain() {
		Replica replica = start(12);
		await().atMost(TAKEOVER).untilAsserted(() -> assertThat(replica.running()).hasSize(12));

		replica.elections.stop();
		assertThat(replica.leading()).as("no key led once every lock is released").isEmpty();
		replica.elections.start();

		await().atMost(TAKEOVER).untilAsserted(() -> assertThat(replica.running()).hasSize(12));
		assertThat(replica.leading()).hasSize(12);
	}

	private Replica start(int cap) {
		Replica replica = new Replica(this.locks, cap);
		this.replicas.add(replica);
		return replica;
	}

	/** Each key is running, and led, on exactly one replica. */
	private static void assertEveryKeyRunsOnce(Replica... replicas) {
		List<String> running = new ArrayList<>();
		List<String> leading = new ArrayList<>();
		for (Replica replica : replicas) {
			running.addAll(replica.running());
			leading.addAll(replica.leading());
		}
		List<String> workers = THIRTY_KEYS.stream().map((key) -> "tenants-" + key).toList();
		assertThat(running).containsExactlyInAnyOrderElementsOf(workers);
		assertThat(leading).containsExactlyInAnyOrderElementsOf(workers);
	}

	/**
	 * One instance of the application: a supervisor with the table of thirty keys, each a
	 * singleton, elected on the shared lock registry.
	 */
	static final class Replica implements AutoCloseable {

		final Supervisor supervisor = Supervisor.builder().build();

		final AtomicInteger runningNow = new AtomicInteger();

		final AtomicInteger mostRunningAtOnce = new AtomicInteger();

		final SingletonElections elections;

		private boolean closed;

		Replica(LockRegistry<?> locks, int cap) {
			this.supervisor.addTable(WorkerTable.builder("tenants", () -> THIRTY_KEYS, (String key) -> this::run)
				.settings((spec) -> spec.singleton(true))
				.maxPerInstance(cap)
				.build());
			// As in an application: the elections start first, and each key's worker, added by the
			// table's first pass, is elected from its added event.
			this.elections = new SingletonElections(this.supervisor, locks, Duration.ofSeconds(10),
					Duration.ofSeconds(2), List.of());
			this.elections.start();
			this.supervisor.start();
		}

		private void run(WorkerContext context) {
			this.mostRunningAtOnce.accumulateAndGet(this.runningNow.incrementAndGet(), Math::max);
			try {
				while (context.sleep(Duration.ofSeconds(1))) {
					// Serve the key until asked to stop.
				}
			}
			finally {
				this.runningNow.decrementAndGet();
			}
		}

		List<String> leading() {
			return this.supervisor.statuses().stream().filter(WorkerStatus::leader).map(WorkerStatus::name).toList();
		}

		List<String> running() {
			return names(WorkerState.RUNNING);
		}

		List<String> standby() {
			return names(WorkerState.STANDBY);
		}

		private List<String> names(WorkerState state) {
			return this.supervisor.statuses()
				.stream()
				.filter((status) -> status.state() == state)
				.map(WorkerStatus::name)
				.toList();
		}

		/** Leave as an application does: stop the workers, then the elections. */
		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				this.supervisor.shutdown();
				this.elections.stop();
			}
		}

	}

	/** A lock registry of one reentrant lock per key, shared by the replicas. */
	static final class OneLockPerKey implements LockRegistry<Lock> {

		private final Map<Object, Lock> locks = new ConcurrentHashMap<>();

		@Override
		public Lock obtain(Object key) {
			return this.locks.computeIfAbsent(key, (any) -> new ReentrantLock());
		}

	}

}
