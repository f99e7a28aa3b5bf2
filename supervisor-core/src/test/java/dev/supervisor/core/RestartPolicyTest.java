package dev.supervisor.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every restart policy against every run outcome, through a real supervisor.
 */
class RestartPolicyTest {

	private final SupervisorFixture fixture = new SupervisorFixture();

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	static Stream<Arguments> policiesAndOutcomes() {
		return Stream.of(
				Arguments.of(RestartPolicy.NEVER, RunOutcome.COMPLETED, WorkerState.EXITED),
				Arguments.of(RestartPolicy.NEVER, RunOutcome.FAILED, WorkerState.EXITED),
				Arguments.of(RestartPolicy.NEVER, RunOutcome.STOPPED, WorkerState.STOPPED),
				Arguments.of(RestartPolicy.ALWAYS, RunOutcome.COMPLETED, WorkerState.BACKOFF),
				Arguments.of(RestartPolicy.ALWAYS, RunOutcome.FAILED, WorkerState.BACKOFF),
				Arguments.of(RestartPolicy.ALWAYS, RunOutcome.STOPPED, WorkerState.STOPPED),
				Arguments.of(RestartPolicy.ON_FAILURE, RunOutcome.COMPLETED, WorkerState.EXITED),
				Arguments.of(RestartPolicy.ON_FAILURE, RunOutcome.FAILED, WorkerState.BACKOFF),
				Arguments.of(RestartPolicy.ON_FAILURE, RunOutcome.STOPPED, WorkerState.STOPPED));
	}

	@ParameterizedTest(name = "{0} after {1} -> {2}")
	@MethodSource("policiesAndOutcomes")
	void policyDecidesWhatFollowsEachOutcome(RestartPolicy policy, RunOutcome outcome, WorkerState expected) {
		AtomicInteger runs = new AtomicInteger();
		Worker worker = (context) -> {
			if (runs.incrementAndGet() > 1) {
				// A restarted run stays up, so exactly one restart is counted below.
				new CountDownLatch(1).await();
			}
			switch (outcome) {
				case COMPLETED -> {
				}
				case FAILED -> throw new IllegalStateException("boom");
				case STOPPED -> new CountDownLatch(1).await();
			}
		};
		this.fixture.supervisor.add(WorkerSpec.builder("w", worker)
			.restart(policy)
			.backoff(Backoff.fixed(Duration.ofSeconds(10)))
			.build());
		this.fixture.supervisor.start("w");
		if (outcome == RunOutcome.STOPPED) {
			this.fixture.awaitState("w", WorkerState.RUNNING);
			this.fixture.supervisor.stop("w");
		}
		WorkerStatus status = this.fixture.awaitState("w", expected);
		assertThat(status.lastExit().outcome()).isEqualTo(outcome);

		// A restart is scheduled exactly when the policy restarts; its timer runs on this thread,
		// in advance(), so the state right after it is final for this check.
		assertThat(this.fixture.clock.pendingDelays()).hasSize((expected == WorkerState.BACKOFF) ? 1 : 0);
		this.fixture.clock.advance(Duration.ofSeconds(10));
		assertThat(this.fixture.supervisor.status("w").state())
			.isEqualTo((expected == WorkerState.BACKOFF) ? WorkerState.RUNNING : expected);
		int expectedRuns = (expected == WorkerState.BACKOFF) ? 2 : 1;
		this.fixture.awaitState("w", this.fixture.supervisor.status("w").state());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runs).hasValue(expectedRuns));
		assertThat(this.fixture.events.ofType(WorkerStartedEvent.class)).hasSize(expectedRuns);
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).hasSize(expectedRuns - 1);
	}

}
