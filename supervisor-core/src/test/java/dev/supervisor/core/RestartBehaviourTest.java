package dev.supervisor.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restart limits, backoff, healthy reset, start delay and stop during backoff, on a manual
 * clock.
 */
class RestartBehaviourTest {

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	@Test
	void serviceThatFailsThreeTimesThenCompletesRunsFourTimesAndEndsExited() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("flaky", (context) -> {
			if (runs.incrementAndGet() <= 3) {
				throw new IOException("connection reset");
			}
		}).backoff(Backoff.none()).build());
		this.supervisor.start("flaky");

		WorkerStatus status = this.fixture.awaitState("flaky", WorkerState.EXITED);
		assertThat(runs).hasValue(4);
		assertThat(status.restarts()).isEqualTo(3);
		assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(status.history()).extracting(RunRecord::outcome)
			.containsExactly(RunOutcome.FAILED, RunOutcome.FAILED, RunOutcome.FAILED, RunOutcome.COMPLETED);
		assertThat(status.history().get(0).exception()).isEqualTo("java.io.IOException");
		assertThat(status.history().get(0).message()).isEqualTo("connection reset");
		assertThat(this.fixture.events.ofType(WorkerStartedEvent.class)).extracting(WorkerStartedEvent::attempt)
			.containsExactly(0, 1, 2, 3);
	}

	@Test
	void fourthRestartWithinTheWindowBreachesTheLimitOnce() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("crasher", (context) -> {
			runs.incrementAndGet();
			throw new IllegalStateException("always");
		}).maxRestarts(3).restartWindow(Duration.ofSeconds(10)).backoff(Backoff.fixed(Duration.ofSeconds(1))).build());
		this.supervisor.start("crasher");

		for (int restart = 1; restart <= 3; restart++) {
			this.fixture.awaitState("crasher", WorkerState.BACKOFF);
			this.fixture.clock.advance(Duration.ofSeconds(1));
		}
		WorkerStatus status = this.fixture.awaitState("crasher", WorkerState.FATAL);
		assertThat(runs).hasValue(4);
		assertThat(status.restarts()).isEqualTo(3);
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).extracting(WorkerRestartingEvent::restart)
			.containsExactly(1, 2, 3);
		List<RestartLimitBreachedEvent> breaches = this.fixture.events.ofType(RestartLimitBreachedEvent.class);
		assertThat(breaches).hasSize(1);
		assertThat(breaches.get(0).toString()).isEqualTo("Worker 'crasher' exceeded 3 restarts within 10s and was "
				+ "given up (last failure: IllegalStateException: always); escalation none");

		// Nothing is scheduled, and a timer would change the state on this thread, in advance():
		// no restart can begin after these checks.
		assertThat(this.fixture.clock.pendingDelays()).isEmpty();
		this.fixture.clock.advance(Duration.ofMinutes(5));
		assertThat(this.supervisor.status("crasher").state()).isEqualTo(WorkerState.FATAL);
		assertThat(runs).hasValue(4);
	}

	@Test
	void restartsSpreadWiderThanTheWindowNeverBreach() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("slow-crasher", (context) -> {
			runs.incrementAndGet();
			throw new IllegalStateException("always");
		}).maxRestarts(3).restartWindow(Duration.ofSeconds(10)).backoff(Backoff.fixed(Duration.ofSeconds(4))).build());
		this.supervisor.start("slow-crasher");

		for (int restart = 1; restart <= 12; restart++) {
			this.fixture.awaitState("slow-crasher", WorkerState.BACKOFF);
			this.fixture.clock.advance(Duration.ofSeconds(4));
		}
		this.fixture.awaitState("slow-crasher", WorkerState.BACKOFF);
		assertThat(runs).hasValue(13);
		assertThat(this.fixture.events.ofType(RestartLimitBreachedEvent.class)).isEmpty();
	}

	@Test
	void unlimitedRestartsNeverBreach() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("hopeless", (context) -> {
			if (runs.incrementAndGet() < 200) {
				throw new IllegalStateException("again");
			}
		}).maxRestarts(WorkerSpec.UNLIMITED_RESTARTS).backoff(Backoff.none()).build());
		this.supervisor.start("hopeless");

		WorkerStatus status = this.fixture.awaitState("hopeless", WorkerState.EXITED);
		assertThat(status.restarts()).isEqualTo(199);
		assertThat(status.history()).hasSize(10);
	}

	@Test
	void historyKeepsTheLastTenRunsOldestFirstEndingWithTheLastExit() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("counted", (context) -> {
			if (runs.incrementAndGet() < 13) {
				throw new IllegalStateException("run " + runs.get());
			}
		}).maxRestarts(WorkerSpec.UNLIMITED_RESTARTS).backoff(Backoff.none()).build());
		this.supervisor.start("counted");

		WorkerStatus status = this.fixture.awaitState("counted", WorkerState.EXITED);
		assertThat(status.history()).extracting(RunRecord::attempt)
			.containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
		assertThat(status.history().get(9)).isEqualTo(status.lastExit());
		assertThat(status.history().get(8).message()).isEqualTo("run 12");
	}

	@Test
	void historyOfAWorkerThatRanOnceIsItsLastExit() {
		this.supervisor.add(WorkerSpec.builder("once", (context) -> {
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start("once");

		WorkerStatus status = this.fixture.awaitState("once", WorkerState.EXITED);
		assertThat(status.history()).containsExactly(status.lastExit());
	}

	@Test
	void backoffGrowsBetweenConsecutiveFailures() {
		this.supervisor.add(WorkerSpec.builder("grower", (context) -> {
			throw new IllegalStateException("fail");
		}).maxRestarts(-1).backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(5), 2.0, 0.0)).build());
		this.supervisor.start("grower");

		for (int i = 0; i < 5; i++) {
			this.fixture.awaitState("grower", WorkerState.BACKOFF);
			List<WorkerRestartingEvent> restarts = this.fixture.events.ofType(WorkerRestartingEvent.class);
			this.fixture.clock.advance(restarts.get(restarts.size() - 1).delay());
		}
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).extracting(WorkerRestartingEvent::delay)
			.startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
					Duration.ofSeconds(5));
	}

	@Test
	void aHealthyRunResetsTheBackoff() {
		assertThat(delaysAroundALongRun(Duration.ofSeconds(30))).containsExactly(Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(1));
	}

	@Test
	void aRunShorterThanHealthyAfterKeepsTheBackoffGrowing() {
		assertThat(delaysAroundALongRun(Duration.ofSeconds(29))).containsExactly(Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
	}

	/**
	 * Three quick failures, then a run lasting {@code longRun} on the manual clock that fails too.
	 */
	private List<Duration> delaysAroundALongRun(Duration longRun) {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch longRunStarted = new CountDownLatch(1);
		CountDownLatch endLongRun = new CountDownLatch(1);
		this.supervisor.add(WorkerSpec.builder("resettable", (context) -> {
			if (runs.incrementAndGet() == 4) {
				longRunStarted.countDown();
				endLongRun.await();
			}
			throw new IllegalStateException("fail");
		})
			.maxRestarts(-1)
			.healthyAfter(Duration.ofSeconds(30))
			.backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.0))
			.build());
		this.supervisor.start("resettable");
		for (int i = 0; i < 3; i++) {
			this.fixture.awaitState("resettable", WorkerState.BACKOFF);
			List<WorkerRestartingEvent> restarts = this.fixture.events.ofType(WorkerRestartingEvent.class);
			this.fixture.clock.advance(restarts.get(restarts.size() - 1).delay());
		}
		await().until(() -> longRunStarted.getCount() == 0);
		this.fixture.clock.advance(longRun);
		endLongRun.countDown();
		this.fixture.awaitState("resettable", WorkerState.BACKOFF);
		return this.fixture.events.ofType(WorkerRestartingEvent.class)
			.stream()
			.map(WorkerRestartingEvent::delay)
			.toList();
	}

	@Test
	void doNotRestartExceptionEndsTheWorkerWhateverThePolicy() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("quitter", (context) -> {
			runs.incrementAndGet();
			throw new DoNotRestartException("configuration is broken");
		}).restart(RestartPolicy.ALWAYS).backoff(Backoff.none()).build());
		this.supervisor.start("quitter");

		WorkerStatus status = this.fixture.awaitState("quitter", WorkerState.EXITED);
		assertThat(runs).hasValue(1);
		assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(status.lastExit().message()).isEqualTo("configuration is broken");
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).isEmpty();
	}

	@Test
	void startDelayHoldsTheWorkerInStartingUntilItPasses() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("late", (context) -> runs.incrementAndGet())
			.startDelay(Duration.ofSeconds(5))
			.restart(RestartPolicy.NEVER)
			.build());
		this.supervisor.start("late");
		assertThat(this.supervisor.status("late").state()).isEqualTo(WorkerState.STARTING);

		// The timer would start the run on this thread, in advance(): the state shows it at once.
		this.fixture.clock.advance(Duration.ofMillis(4999));
		assertThat(this.supervisor.status("late").state()).isEqualTo(WorkerState.STARTING);
		assertThat(runs).hasValue(0);

		this.fixture.clock.advance(Duration.ofMillis(1));
		this.fixture.awaitState("late", WorkerState.EXITED);
		assertThat(runs).hasValue(1);
	}

	@Test
	void stopDuringBackoffIsImmediateAndCancelsTheRestart() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("waiting", (context) -> {
			runs.incrementAndGet();
			throw new IllegalStateException("fail");
		}).backoff(Backoff.fixed(Duration.ofHours(1))).build());
		this.supervisor.start("waiting");
		this.fixture.awaitState("waiting", WorkerState.BACKOFF);
		assertThat(this.fixture.clock.pendingDelays()).containsExactly(Duration.ofHours(1));

		this.supervisor.stop("waiting");

		assertThat(this.supervisor.status("waiting").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.fixture.clock.pendingDelays()).isEmpty();
		// A surviving timer would start the run on this thread, in advance(): the state shows it.
		this.fixture.clock.advance(Duration.ofHours(2));
		assertThat(this.supervisor.status("waiting").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(runs).hasValue(1);
	}

	@Test
	void exitedEventCarriesTheExceptionAndAReadableSentence() {
		this.supervisor.add(WorkerSpec.builder("mailer", (context) -> {
			throw new IOException("connection reset");
		}).maxRestarts(5).backoff(Backoff.fixed(Duration.ofSeconds(2))).build());
		this.supervisor.start("mailer");
		this.fixture.awaitState("mailer", WorkerState.BACKOFF);

		WorkerExitedEvent exited = this.fixture.events.ofType(WorkerExitedEvent.class).get(0);
		assertThat(exited.exception()).isInstanceOf(IOException.class);
		assertThat(exited.toString()).isEqualTo("Worker 'mailer' failed (IOException: connection reset) after 0ms");
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class).get(0).toString())
			.isEqualTo("Worker 'mailer' failed (IOException: connection reset); restarting in 2s (attempt 1 of 5)");
	}

}
