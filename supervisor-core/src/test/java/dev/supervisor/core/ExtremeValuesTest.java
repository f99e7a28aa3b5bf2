package dev.supervisor.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Every duration and number at its edges: values too long for nanoseconds mean forever, and
 * nothing throws inside the engine or reaches another worker.
 */
class ExtremeValuesTest {

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	/** Just within what nanoseconds hold, just beyond, and the longest duration there is. */
	static Stream<Duration> huge() {
		return Stream.of(Duration.ofNanos(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE).plusNanos(1),
				Duration.ofDays(365L * 300), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
	}

	@ParameterizedTest
	@MethodSource("huge")
	void aHugeBackoffIsAWaitThatStopAndShutdownEndAtOnce(Duration huge) {
		this.supervisor.add(crasher("crasher").backoff(Backoff.of(Duration.ofSeconds(1), huge, 2.0, 1.0))
			.maxRestarts(-1)
			.build());
		this.supervisor.add(bystander());
		this.supervisor.start();
		for (int i = 0; i < 70; i++) {
			this.fixture.awaitState("crasher", WorkerState.BACKOFF);
			this.fixture.clock.advance(this.fixture.clock.pendingDelays().get(0));
		}
		this.fixture.awaitState("crasher", WorkerState.BACKOFF);
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).allSatisfy((restarting) -> {
			assertThat(restarting.delay()).isBetween(Duration.ZERO, Duration.ofNanos(Long.MAX_VALUE));
			assertThat(restarting.toString()).startsWith("Worker 'crasher' failed");
		});

		this.supervisor.stop("crasher");

		assertThat(this.supervisor.status("crasher").state()).isEqualTo(WorkerState.STOPPED);
		assertCleanShutdownStopping("bystander");
	}

	@ParameterizedTest
	@MethodSource("huge")
	void aHugeRestartWindowHealthyAfterAndLimitAreAcceptedAndBreachedNormally(Duration huge) {
		this.supervisor.add(crasher("crasher").restartWindow(huge)
			.healthyAfter(huge)
			.maxRestarts(3)
			.backoff(Backoff.none())
			.build());
		this.supervisor.add(bystander());
		this.supervisor.start();

		this.fixture.awaitState("crasher", WorkerState.FATAL);

		RestartLimitBreachedEvent breach = this.fixture.events.ofType(RestartLimitBreachedEvent.class).get(0);
		assertThat(breach.toString()).startsWith("Worker 'crasher' exceeded 3 restarts within ");
		assertCleanShutdownStopping("bystander");
	}

	@ParameterizedTest
	@MethodSource("huge")
	void aHugeStartDelayWaitsInStartingAndLeavesLaterWorkersAlone(Duration huge) {
		this.supervisor.add(WorkerSpec.builder("a-late", (context) -> {
		}).startDelay(huge).build());
		this.supervisor.add(bystander());
		this.supervisor.start();

		this.fixture.awaitState("bystander", WorkerState.RUNNING);
		assertThat(this.supervisor.status("a-late").state()).isEqualTo(WorkerState.STARTING);
		this.fixture.clock.advance(Duration.ofDays(365L * 100));
		assertThat(this.supervisor.status("a-late").state()).isEqualTo(WorkerState.STARTING);
		assertCleanShutdownStopping("bystander");
	}

	@ParameterizedTest
	@MethodSource("huge")
	void aHugeSleepLastsUntilAStop(Duration huge) {
		List<Boolean> slept = new CopyOnWriteArrayList<>();
		this.supervisor.add(WorkerSpec.builder("sleeper", (context) -> slept.add(context.sleep(huge))).build());
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fixture.clock.pendingDelays().size() == 1);
		this.fixture.clock.advance(Duration.ofDays(365L * 100));

		this.supervisor.stop("sleeper");

		this.fixture.awaitState("sleeper", WorkerState.STOPPED);
		assertThat(slept).containsExactly(false);
		assertThat(this.supervisor.status("sleeper").lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);
	}

	@ParameterizedTest
	@MethodSource("huge")
	void aHugeShutdownTimeoutReturnsOnceWorkersStopped(Duration huge) {
		Supervisor patient = Supervisor.builder().shutdownTimeout(huge).build();
		patient.add(bystander());
		patient.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> patient.status("bystander").state() == WorkerState.RUNNING);

		ShutdownResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> patient.shutdown());

		assertThat(result.isClean()).isTrue();
		assertThat(result.stopped()).isEqualTo(1);
	}

	@Test
	void theLargestRestartLimitKeepsCounting() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("crasher", (context) -> {
			if (runs.incrementAndGet() <= 1_000) {
				throw new IllegalStateException("fail");
			}
		}).maxRestarts(Integer.MAX_VALUE).restartWindow(Duration.ofDays(1)).backoff(Backoff.none()).build());
		this.supervisor.start("crasher");

		WorkerStatus status = this.fixture.awaitState("crasher", WorkerState.EXITED);

		assertThat(status.restarts()).isEqualTo(1_000);
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).last()
			.extracting(WorkerRestartingEvent::restart)
			.isEqualTo(1_000);
	}

	@Test
	void aZeroShutdownTimeoutStillRequestsEveryStop() {
		this.supervisor.add(bystander());
		this.supervisor.start();
		this.fixture.awaitState("bystander", WorkerState.RUNNING);

		this.supervisor.shutdown(Duration.ZERO);

		this.fixture.awaitState("bystander", WorkerState.STOPPED);
	}

	private static WorkerSpec.Builder crasher(String name) {
		return WorkerSpec.builder(name, (context) -> {
			throw new IllegalStateException("fail");
		});
	}

	/** A worker that runs until stopped, to show that another worker's values never reach it. */
	private static WorkerSpec bystander() {
		return WorkerSpec.builder("bystander", (context) -> new CountDownLatch(1).await()).build();
	}

	private void assertCleanShutdownStopping(String name) {
		this.fixture.awaitState(name, WorkerState.RUNNING);
		ShutdownResult result = this.supervisor.shutdown(Duration.ofSeconds(30));
		assertThat(result.isClean()).isTrue();
		assertThat(this.supervisor.status(name).state()).isEqualTo(WorkerState.STOPPED);
	}

}
