package dev.supervisor.actuate.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Lease;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStrategy;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorMetrics}.
 */
class SupervisorMetricsTests {

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SupervisorMetrics metrics = new SupervisorMetrics(this.supervisor);

	@AfterEach
	void shutDown() {
		this.metrics.close();
		this.supervisor.shutdown();
	}

	@Test
	void countsEveryRunOfAWorkerThatFailsUntilItsRestartLimitIsBreached() {
		this.metrics.bindTo(this.registry);
		this.supervisor.add(WorkerSpec.builder("mailer", (context) -> {
			throw new IllegalStateException("connection reset");
		}).backoff(Backoff.none()).maxRestarts(2).build());
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.RESTART_LIMIT_BREACHES, "worker", "mailer"))
				.isEqualTo(1));
		// First run plus two restarts; the third failure breaches the limit.
		assertThat(counter(SupervisorMetrics.STARTS, "worker", "mailer")).isEqualTo(3);
		assertThat(counter(SupervisorMetrics.STOPS, "worker", "mailer", "outcome", "failed")).isEqualTo(3);
		// A stop counter is registered by the first run of its outcome.
		assertThat(this.registry.find(SupervisorMetrics.STOPS).tag("worker", "mailer").counters()).hasSize(1);
		assertThat(counter(SupervisorMetrics.PANICS, "worker", "mailer", "exception",
				IllegalStateException.class.getName()))
			.isEqualTo(3);
		assertThat(this.registry.get(SupervisorMetrics.RUN).tags("worker", "mailer", "outcome", "failed").timer().count())
			.isEqualTo(3);
		assertThat(gauge(WorkerState.FATAL)).isEqualTo(1);
		assertThat(gauge(WorkerState.RUNNING)).isZero();
	}

	@Test
	void countsACompletedRunWithoutAPanic() {
		this.metrics.bindTo(this.registry);
		this.supervisor.add(WorkerSpec.builder("once", (context) -> {
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.STOPS, "worker", "once", "outcome", "completed"))
				.isEqualTo(1));
		assertThat(counter(SupervisorMetrics.STARTS, "worker", "once")).isEqualTo(1);
		assertThat(this.registry.find(SupervisorMetrics.STOPS).tags("worker", "once", "outcome", "failed").counter())
			.isNull();
		assertThat(this.registry.find(SupervisorMetrics.PANICS).meters()).isEmpty();
		assertThat(this.registry.get(SupervisorMetrics.RUN).tags("worker", "once", "outcome", "completed").timer().count())
			.isEqualTo(1);
	}

	@Test
	void gaugesCountWorkersInEveryState() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(2);
		this.supervisor.add(sleeper("a", running));
		this.supervisor.add(sleeper("b", running));
		this.supervisor.add(WorkerSpec.builder("manual", (context) -> {
		}).autoStartup(false).build());
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		assertThat(running.await(10, TimeUnit.SECONDS)).as("the workers ran").isTrue();
		assertThat(this.registry.find(SupervisorMetrics.WORKERS).gauges()).hasSize(WorkerState.values().length);
		assertThat(gauge(WorkerState.RUNNING)).isEqualTo(2);
		assertThat(gauge(WorkerState.STOPPED)).isEqualTo(1);
		assertThat(gauge(WorkerState.FATAL)).isZero();
	}

	@Test
	void everyReadOfTheStateGaugesSeesTheStatesAsTheyAreThen() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(2);
		this.supervisor.add(sleeper("a", running));
		this.supervisor.add(sleeper("b", running));
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		assertThat(running.await(10, TimeUnit.SECONDS)).as("the workers ran").isTrue();
		assertThat(gauge(WorkerState.RUNNING)).isEqualTo(2);
		assertThat(gauge(WorkerState.STOPPED)).isZero();

		this.supervisor.stop("a");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.supervisor.status("a").state() == WorkerState.STOPPED);

		// A scrape reads each gauge once: the second scrape counts again, whichever gauge it reads first.
		assertThat(gauge(WorkerState.STOPPED)).isEqualTo(1);
		assertThat(gauge(WorkerState.RUNNING)).isEqualTo(1);
		this.supervisor.stop("b");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.supervisor.status("b").state() == WorkerState.STOPPED);
		assertThat(gauge(WorkerState.RUNNING)).isZero();
		assertThat(gauge(WorkerState.STOPPED)).isEqualTo(2);
	}

	@Test
	void registersStartAndBreachCountersAtZeroForWorkersKnownAtBindingAndAddedLater() {
		this.supervisor.add(WorkerSpec.builder("early", (context) -> {
		}).build());
		this.metrics.bindTo(this.registry);
		this.supervisor.add(WorkerSpec.builder("late", (context) -> {
		}).build());
		for (String worker : new String[] { "early", "late" }) {
			assertThat(counter(SupervisorMetrics.STARTS, "worker", worker)).isZero();
			assertThat(counter(SupervisorMetrics.RESTART_LIMIT_BREACHES, "worker", worker)).isZero();
			assertThat(this.registry.find(SupervisorMetrics.STOPS).tag("worker", worker).counters()).isEmpty();
		}
	}

	@Test
	void removesTheMetersOfARemovedWorker() {
		this.metrics.bindTo(this.registry);
		this.supervisor.add(WorkerSpec.builder("gone", (context) -> {
			throw new IllegalStateException("boom");
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.add(WorkerSpec.builder("kept", (context) -> {
		}).autoStartup(false).build());
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.PANICS, "worker", "gone", "exception",
					IllegalStateException.class.getName()))
				.isEqualTo(1));
		this.supervisor.remove("gone");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find("supervisor.worker.starts").tag("worker", "gone").meters())
				.isEmpty());
		assertThat(this.registry.getMeters()).noneMatch((meter) -> "gone".equals(meter.getId().getTag("worker")));
		assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "kept").counter()).isNotNull();
		assertThat(this.registry.find(SupervisorMetrics.WORKERS).gauges()).hasSize(WorkerState.values().length);
	}

	@Test
	void removesOnlyTheMetersItRegisteredForARemovedWorker() {
		this.metrics.bindTo(this.registry);
		Counter own = Counter.builder("supervisor.worker.custom").tag("worker", "gone").register(this.registry);
		this.supervisor.add(WorkerSpec.builder("gone", (context) -> {
		}).autoStartup(false).build());
		assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "gone").counter()).isNotNull();
		this.supervisor.remove("gone");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "gone").meters())
				.isEmpty());
		assertThat(this.registry.find("supervisor.worker.custom").tag("worker", "gone").counter()).isSameAs(own);
	}

	@Test
	void aWorkerAddedAgainAfterRemovalCountsOnFreshMeters() {
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		this.supervisor.add(WorkerSpec.builder("again", (context) -> {
		}).restart(RestartPolicy.NEVER).build());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.STOPS, "worker", "again", "outcome", "completed"))
				.isEqualTo(1));
		this.supervisor.remove("again");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "again").meters())
				.isEmpty());

		this.supervisor.add(WorkerSpec.builder("again", (context) -> {
		}).restart(RestartPolicy.NEVER).build());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.STOPS, "worker", "again", "outcome", "completed"))
				.isEqualTo(1));
		assertThat(counter(SupervisorMetrics.STARTS, "worker", "again")).isEqualTo(1);
	}

	@Test
	void theCopiesOfAReplicatedWorkerCountUnderItsNameByDefault() {
		this.metrics.bindTo(this.registry);
		this.supervisor.add(WorkerSpec.builder("consumer", (context) -> {
		}).restart(RestartPolicy.NEVER).instances(3).build());
		this.supervisor.start();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.STOPS, "worker", "consumer", "outcome", "completed"))
				.isEqualTo(3));
		assertThat(counter(SupervisorMetrics.STARTS, "worker", "consumer")).isEqualTo(3);
		assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "consumer-1").counter()).isNull();
	}

	@Test
	void theCopiesOfAReplicatedWorkerThatOptsIntoPerKeyTagsCountEachUnderItsOwnName() {
		SupervisorMetrics perKey = new SupervisorMetrics(this.supervisor, true, new WorkerTags("consumer"::equals));
		perKey.bindTo(this.registry);
		this.supervisor.add(WorkerSpec.builder("consumer", (context) -> {
		}).restart(RestartPolicy.NEVER).instances(2).build());
		this.supervisor.start();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(counter(SupervisorMetrics.STARTS, "worker", "consumer-1")).isEqualTo(1);
			assertThat(counter(SupervisorMetrics.STARTS, "worker", "consumer-2")).isEqualTo(1);
		});
		assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "consumer").counter()).isNull();
		perKey.close();
	}

	@Test
	void stopsCountingWhenClosed() {
		this.metrics.bindTo(this.registry);
		this.metrics.close();
		this.supervisor.add(WorkerSpec.builder("after", (context) -> {
		}).build());
		assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "after").counter()).isNull();
	}

	@Test
	void everyMeterHasADescriptionAndCountersAndGaugesABaseUnit() {
		this.supervisor.add(WorkerSpec.builder("w", (context) -> {
			throw new IllegalStateException("boom");
		}).restart(RestartPolicy.NEVER).build());
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.find(SupervisorMetrics.PANICS).counter() != null
					&& this.registry.find(SupervisorMetrics.RUN).timer() != null);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> {
			assertThat(meter.getId().getDescription()).as(meter.getId().toString()).isNotBlank();
			if (meter instanceof Counter || meter instanceof io.micrometer.core.instrument.Gauge) {
				assertThat(meter.getId().getBaseUnit()).as(meter.getId().toString()).isNotBlank();
			}
		});
	}

	@Test
	void countsGroupRestartsTaggedWithGroupAndStrategy() {
		AtomicInteger parserRuns = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("fetcher", (context) -> context.sleep(Duration.ofDays(1))).build());
		this.supervisor.add(WorkerSpec.builder("parser", (context) -> {
			if (parserRuns.incrementAndGet() <= 2) {
				throw new IllegalStateException("bad input");
			}
			context.sleep(Duration.ofDays(1));
		}).backoff(Backoff.none()).build());
		this.supervisor.addGroup(GroupSpec.builder("pipeline")
			.members("fetcher", "parser")
			.strategy(GroupStrategy.REST_FOR_ONE)
			.build());
		this.metrics.bindTo(this.registry);
		assertThat(counter(SupervisorMetrics.GROUP_RESTARTS, "group", "pipeline", "strategy", "rest-for-one")).isZero();

		this.supervisor.start();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					counter(SupervisorMetrics.GROUP_RESTARTS, "group", "pipeline", "strategy", "rest-for-one"))
				.isEqualTo(2));
		assertThat(this.registry.get(SupervisorMetrics.GROUP_RESTARTS).meter().getId().getBaseUnit())
			.isEqualTo("restarts");
	}

	@Test
	void aGroupsEventsLeaveNoWorkerTagBehindForAWorkerThatLaterTakesTheGroupsName() {
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		this.supervisor.add(WorkerSpec.builder("member", (context) -> context.sleep(Duration.ofDays(1))).build());
		this.supervisor.addGroup(GroupSpec.builder("jobs-a").members("member").build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.supervisor.groupStatus("jobs-a").state() == GroupState.RUNNING);
		this.supervisor.remove("jobs-a");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.supervisor.containsGroup("jobs-a") && !this.supervisor.contains("member"));

		// The table's worker for key "a" is named "jobs-a", as the group was.
		this.supervisor.addTable(WorkerTable.builder("jobs", () -> List.of("a"),
				(String key) -> (context) -> context.sleep(Duration.ofDays(1)))
			.build());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter(SupervisorMetrics.STARTS, "worker", "jobs")).isEqualTo(1));
		assertThat(this.registry.find(SupervisorMetrics.STARTS).tag("worker", "jobs-a").counters()).isEmpty();
	}

	private double counter(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

	private double gauge(WorkerState state) {
		return this.registry.get(SupervisorMetrics.WORKERS).tag("state", state.name()).gauge().value();
	}

	private static WorkerSpec sleeper(String name, CountDownLatch running) {
		return WorkerSpec.builder(name, (context) -> {
			running.countDown();
			while (context.sleep(Duration.ofMinutes(1))) {
				// Runs until stopped.
			}
		}).build();
	}


	@Test
	void leaderGaugeFollowsTheLeadershipOfSingletonsOnly() {
		this.supervisor.add(WorkerSpec.builder("elected", (context) -> context.sleep(Duration.ofMinutes(1)))
			.singleton(true)
			.build());
		this.supervisor.add(WorkerSpec.builder("plain", (context) -> {
		}).autoStartup(false).build());
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		assertThat(this.registry.get(SupervisorMetrics.LEADER).tag("worker", "elected").gauge().value()).isZero();

		this.supervisor.grantLeadership("elected",
				Lease.renewedAt(this.supervisor.scheduler(), Duration.ofMinutes(1), this.supervisor.scheduler().nanoTime()));

		assertThat(this.registry.get(SupervisorMetrics.LEADER).tag("worker", "elected").gauge().value()).isEqualTo(1);
		assertThat(this.registry.find(SupervisorMetrics.LEADER).tag("worker", "plain").gauge()).isNull();
		this.supervisor.revokeLeadership("elected");
		assertThat(this.registry.get(SupervisorMetrics.LEADER).tag("worker", "elected").gauge().value()).isZero();
	}

	@Test
	void leaderGaugeFollowsTheLeadershipOfASingletonGroupAddedAtRunTimeAndLeavesWithIt() {
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		this.supervisor.add(WorkerSpec.builder("member", (context) -> context.sleep(Duration.ofMinutes(1)))
			.autoStartup(false)
			.build());
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("member").singleton(true).build());
		await().untilAsserted(() -> assertThat(this.registry.find(SupervisorMetrics.LEADER).tag("worker", "pipeline").gauge())
			.isNotNull());
		assertThat(this.registry.get(SupervisorMetrics.LEADER).tag("worker", "pipeline").gauge().value()).isZero();

		this.supervisor.grantLeadership("pipeline",
				Lease.renewedAt(this.supervisor.scheduler(), Duration.ofMinutes(1), this.supervisor.scheduler().nanoTime()));
		assertThat(this.registry.get(SupervisorMetrics.LEADER).tag("worker", "pipeline").gauge().value()).isEqualTo(1);

		this.supervisor.remove("pipeline");
		await().untilAsserted(() -> assertThat(this.registry.find(SupervisorMetrics.LEADER).tag("worker", "pipeline").gauge())
			.isNull());
	}

	@Test
	void leaderGaugeOfARemovedSingletonLeavesWithItsOtherMeters() {
		this.supervisor.add(WorkerSpec.builder("elected", (context) -> context.sleep(Duration.ofMinutes(1)))
			.singleton(true)
			.build());
		this.metrics.bindTo(this.registry);
		this.supervisor.start();
		assertThat(this.registry.find(SupervisorMetrics.LEADER).tag("worker", "elected").gauge()).isNotNull();

		this.supervisor.remove("elected");

		await().untilAsserted(() -> assertThat(this.registry.find(SupervisorMetrics.LEADER).tag("worker", "elected").gauge())
			.isNull());
	}

}
