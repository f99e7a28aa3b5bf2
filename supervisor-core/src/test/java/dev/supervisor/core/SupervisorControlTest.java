package dev.supervisor.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Adding, removing, starting, stopping and restarting workers by name; listeners.
 */
class SupervisorControlTest {

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	/** Runs until stopped, counting its runs. */
	private static Worker untilStopped(AtomicInteger runs) {
		return (context) -> {
			runs.incrementAndGet();
			new CountDownLatch(1).await();
		};
	}

	@Test
	void addedWorkersWaitForTheSupervisorToStartAndThenOnlyAutoStartupOnesRun() {
		AtomicInteger auto = new AtomicInteger();
		AtomicInteger manual = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("auto", untilStopped(auto)).build());
		this.supervisor.add(WorkerSpec.builder("manual", untilStopped(manual)).autoStartup(false).build());
		assertThat(this.supervisor.status("auto").state()).isEqualTo(WorkerState.STOPPED);

		this.supervisor.start();

		this.fixture.awaitState("auto", WorkerState.RUNNING);
		assertThat(this.supervisor.status("manual").state()).isEqualTo(WorkerState.STOPPED);
		this.supervisor.start("manual");
		this.fixture.awaitState("manual", WorkerState.RUNNING);
		// RUNNING is published before the worker's code runs: wait for the code itself.
		await().untilAsserted(() -> assertThat(manual).hasValue(1));
		await().untilAsserted(() -> assertThat(auto).hasValue(1));
	}

	@Test
	void filteredStatusesKeepTheMatchingWorkersOrderedByName() {
		this.supervisor.add(WorkerSpec.builder("b-manual", untilStopped(new AtomicInteger())).autoStartup(false).build());
		this.supervisor.add(WorkerSpec.builder("c-auto", untilStopped(new AtomicInteger())).build());
		this.supervisor.add(WorkerSpec.builder("a-auto", untilStopped(new AtomicInteger())).build());
		this.supervisor.start();
		this.fixture.awaitState("a-auto", WorkerState.RUNNING);
		this.fixture.awaitState("c-auto", WorkerState.RUNNING);

		assertThat(this.supervisor.statuses((status) -> status.state() == WorkerState.RUNNING))
			.extracting(WorkerStatus::name)
			.containsExactly("a-auto", "c-auto");
		assertThat(this.supervisor.statuses((status) -> status.name().startsWith("b")))
			.extracting(WorkerStatus::name)
			.containsExactly("b-manual");
	}

	@Test
	void stateCountsCountEveryWorkerOnceAndEveryStateEvenWhenEmpty() {
		this.supervisor.add(WorkerSpec.builder("manual", untilStopped(new AtomicInteger())).autoStartup(false).build());
		this.supervisor.add(WorkerSpec.builder("one", untilStopped(new AtomicInteger())).build());
		this.supervisor.add(WorkerSpec.builder("two", untilStopped(new AtomicInteger())).build());
		this.supervisor.start();
		this.fixture.awaitState("one", WorkerState.RUNNING);
		this.fixture.awaitState("two", WorkerState.RUNNING);

		Map<WorkerState, Integer> counts = this.supervisor.stateCounts();

		assertThat(counts).containsOnlyKeys(WorkerState.values());
		assertThat(counts).containsEntry(WorkerState.RUNNING, 2)
			.containsEntry(WorkerState.STOPPED, 1)
			.containsEntry(WorkerState.FATAL, 0);
	}

	@Test
	void workerAddedToARunningSupervisorStartsAtOnce() {
		this.supervisor.start();
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("late", untilStopped(runs)).build());
		this.fixture.awaitState("late", WorkerState.RUNNING);
		await().untilAsserted(() -> assertThat(runs).hasValue(1));
	}

	@Test
	void duplicateNameIsRejectedWithTheName() {
		this.supervisor.add(WorkerSpec.builder("mailer", untilStopped(new AtomicInteger())).build());
		assertThatExceptionOfType(DuplicateWorkerException.class)
			.isThrownBy(() -> this.supervisor.add(WorkerSpec.builder("mailer", (context) -> {
			}).build()))
			.withMessage("Worker 'mailer' is already registered");
	}

	@Test
	void unknownNameIsRejectedListingTheKnownWorkers() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> {
		}).build());
		this.supervisor.add(WorkerSpec.builder("mailer-2", (context) -> {
		}).build());
		for (Runnable call : List.<Runnable>of(() -> this.supervisor.start("mailer"),
				() -> this.supervisor.stop("mailer"), () -> this.supervisor.restart("mailer"),
				() -> this.supervisor.remove("mailer"), () -> this.supervisor.status("mailer"))) {
			assertThatExceptionOfType(NoSuchWorkerException.class).isThrownBy(call::run)
				.withMessage("Worker 'mailer' is not registered; known workers: [mailer-2, poller]");
		}
	}

	@Test
	void stopEndsARunningWorkerAsStoppedAndStartRunsItAgainFromAttemptZero() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("poller", untilStopped(runs)).restart(RestartPolicy.ALWAYS).build());
		this.supervisor.start("poller");
		this.fixture.awaitState("poller", WorkerState.RUNNING);

		this.supervisor.stop("poller");
		WorkerStatus stopped = this.fixture.awaitState("poller", WorkerState.STOPPED);
		assertThat(stopped.lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);

		this.supervisor.start("poller");
		this.fixture.awaitState("poller", WorkerState.RUNNING);
		await().untilAsserted(() -> assertThat(runs).hasValue(2));
		assertThat(this.fixture.events.ofType(WorkerStartedEvent.class)).extracting(WorkerStartedEvent::attempt)
			.containsExactly(0, 0);
		assertThat(this.supervisor.status("poller").restarts()).isZero();
	}

	@Test
	void restartStopsARunningWorkerAndRunsItAgain() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("poller", untilStopped(runs)).build());
		this.supervisor.start("poller");
		await().untilAtomic(runs, org.hamcrest.Matchers.equalTo(1));

		this.supervisor.restart("poller");

		await().untilAtomic(runs, org.hamcrest.Matchers.equalTo(2));
		WorkerStatus status = this.fixture.awaitState("poller", WorkerState.RUNNING);
		assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);
		assertThat(status.restarts()).isEqualTo(1);
	}

	@Test
	void restartOfAWorkerThatNeverRanIsAFirstStartNotARestart() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("fresh", untilStopped(runs)).build());
		this.supervisor.restart("fresh");
		WorkerStatus status = this.fixture.awaitState("fresh", WorkerState.RUNNING);
		assertThat(status.restarts()).isZero();
		await().untilAsserted(() -> assertThat(runs).hasValue(1));
	}

	@Test
	void restartOfAFatalWorkerGivesItAFreshRestartLimit() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("crasher", (context) -> {
			runs.incrementAndGet();
			throw new IllegalStateException("fail");
		}).maxRestarts(1).backoff(Backoff.none()).build());
		this.supervisor.start("crasher");
		this.fixture.awaitState("crasher", WorkerState.FATAL);
		assertThat(runs).hasValue(2);

		this.supervisor.restart("crasher");

		this.fixture.awaitState("crasher", WorkerState.FATAL);
		assertThat(runs).hasValue(4);
		assertThat(this.supervisor.status("crasher").restarts()).as("two automatic, one requested").isEqualTo(3);
	}

	@Test
	void removeStopsTheWorkerAndFreesItsNameOnceItsThreadEnded() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("temp", untilStopped(runs)).build());
		this.supervisor.start("temp");
		this.fixture.awaitState("temp", WorkerState.RUNNING);

		this.supervisor.remove("temp");

		await().until(() -> !this.supervisor.contains("temp"));
		await().until(() -> this.fixture.events.ofType(WorkerRemovedEvent.class).size() == 1);
		List<SupervisorEvent> events = this.fixture.events.all();
		assertThat(events.get(events.size() - 1)).isInstanceOf(WorkerRemovedEvent.class);
		this.supervisor.add(WorkerSpec.builder("temp", (context) -> {
		}).build());
		assertThat(this.supervisor.status("temp").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void statusesFollowEveryAddAndRemovalAfterBeingListed() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> {
		}).build());
		this.supervisor.add(WorkerSpec.builder("archiver", (context) -> {
		}).build());
		assertThat(this.supervisor.statuses()).extracting(WorkerStatus::name).containsExactly("archiver", "poller");

		this.supervisor.add(WorkerSpec.builder("mailer", (context) -> {
		}).build());
		assertThat(this.supervisor.statuses((status) -> true)).extracting(WorkerStatus::name)
			.containsExactly("archiver", "mailer", "poller");
		assertThat(this.supervisor.statuses()).extracting(WorkerStatus::name)
			.containsExactly("archiver", "mailer", "poller");
		assertThat(this.supervisor.statuses((status) -> !status.name().equals("mailer"))).extracting(WorkerStatus::name)
			.containsExactly("archiver", "poller");

		this.supervisor.remove("archiver");
		assertThat(this.supervisor.statuses((status) -> true)).extracting(WorkerStatus::name)
			.containsExactly("mailer", "poller");
		assertThat(this.supervisor.statuses()).extracting(WorkerStatus::name).containsExactly("mailer", "poller");
		this.supervisor.add(WorkerSpec.builder("archiver", (context) -> {
		}).build());
		assertThat(this.supervisor.statuses()).extracting(WorkerStatus::name)
			.containsExactly("archiver", "mailer", "poller");
	}

	@Test
	void removeOfAnIdleWorkerIsImmediate() {
		this.supervisor.add(WorkerSpec.builder("idle", (context) -> {
		}).build());
		this.supervisor.remove("idle");
		assertThat(this.supervisor.contains("idle")).isFalse();
		assertThat(this.supervisor.statuses()).isEmpty();
	}

	@Test
	void eventsOfOneRunArriveInOrder() {
		this.supervisor.add(WorkerSpec.builder("once", (context) -> {
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start("once");
		this.fixture.awaitState("once", WorkerState.EXITED);

		assertThat(this.fixture.events.all()).extracting(Object::toString)
			.containsExactly("Worker 'once' added", "Worker 'once' changed from STOPPED to RUNNING",
					"Worker 'once' started", "Worker 'once' completed after 0ms",
					"Worker 'once' changed from RUNNING to EXITED");
		assertThat(this.fixture.events.all()).map(Object::getClass)
			.containsExactly(WorkerAddedEvent.class, WorkerStateChangedEvent.class, WorkerStartedEvent.class,
					WorkerExitedEvent.class, WorkerStateChangedEvent.class);
	}

	@Test
	void aThrowingListenerHarmsNeitherTheWorkerNorOtherListeners() {
		EventRecorder after = new EventRecorder();
		this.supervisor.addListener((event) -> {
			throw new IllegalStateException("listener bug");
		});
		this.supervisor.addListener(after);
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("sturdy", (context) -> {
			if (runs.incrementAndGet() < 3) {
				throw new IllegalStateException("fail");
			}
		}).backoff(Backoff.none()).build());
		this.supervisor.start("sturdy");

		this.fixture.awaitState("sturdy", WorkerState.EXITED);
		assertThat(runs).hasValue(3);
		await().untilAsserted(() -> assertThat(after.ofType(WorkerExitedEvent.class)).hasSize(3));
	}

	@Test
	void aListenerAddedTwiceHearsEachEventOnce() {
		EventRecorder twice = new EventRecorder();
		this.supervisor.addListener(twice);
		this.supervisor.addListener(twice);
		this.supervisor.add(WorkerSpec.builder("once", (context) -> {
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start("once");
		this.fixture.awaitState("once", WorkerState.EXITED);
		assertThat(twice.ofType(WorkerStartedEvent.class)).hasSize(1);
	}

	@Test
	void contextSleepFollowsTheSchedulerAndEndsEarlyOnStop() {
		List<Boolean> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.supervisor.add(WorkerSpec.builder("sleeper", (context) -> {
			sleeps.add(context.sleep(Duration.ofMinutes(1)));
			sleeps.add(context.sleep(Duration.ofMinutes(1)));
		}).build());
		this.supervisor.start("sleeper");
		this.fixture.awaitState("sleeper", WorkerState.RUNNING);
		await().until(() -> this.fixture.clock.pendingDelays().size() == 1);

		this.fixture.clock.advance(Duration.ofMinutes(1));
		await().until(() -> sleeps.size() == 1);
		this.supervisor.stop("sleeper");

		this.fixture.awaitState("sleeper", WorkerState.STOPPED);
		assertThat(sleeps).containsExactly(true, false);
	}

	@Test
	void contextSleepEndsEarlyOnAnInterruptAndLeavesItSet() {
		List<Boolean> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.supervisor.add(WorkerSpec.builder("interrupted", (context) -> {
			Thread.currentThread().interrupt();
			seen.add(context.sleep(Duration.ofHours(1)));
			seen.add(Thread.currentThread().isInterrupted());
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start("interrupted");
		this.fixture.awaitState("interrupted", WorkerState.EXITED);
		assertThat(seen).containsExactly(false, true);
		assertThat(this.fixture.clock.pendingDelays()).isEmpty();
	}

	@Test
	void listenersHearADelayedRestartOnTheWorkersThreadNotTheSchedulers() {
		List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.supervisor.addListener((event) -> {
			if (event instanceof WorkerStartedEvent) {
				threads.add(Thread.currentThread().getName());
			}
		});
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("delayed", (context) -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("fail once");
			}
		}).backoff(Backoff.fixed(Duration.ofSeconds(1))).build());
		this.supervisor.start("delayed");
		this.fixture.awaitState("delayed", WorkerState.BACKOFF);

		this.fixture.clock.advance(Duration.ofSeconds(1));

		this.fixture.awaitState("delayed", WorkerState.EXITED);
		assertThat(threads).hasSize(2).last().isEqualTo("supervisor-delayed");
	}

	@Test
	void aWorkerControllingAnotherKeepsItsOwnNameInTheMdc() {
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.supervisor.add(WorkerSpec.builder("target", untilStopped(new AtomicInteger())).build());
		this.supervisor.add(WorkerSpec.builder("controller", (context) -> {
			this.supervisor.stop("target");
			seen.add(org.slf4j.MDC.get("worker"));
		}).restart(RestartPolicy.NEVER).autoStartup(false).build());
		this.supervisor.start("target");
		this.fixture.awaitState("target", WorkerState.RUNNING);

		this.supervisor.start("controller");

		this.fixture.awaitState("controller", WorkerState.EXITED);
		assertThat(seen).containsExactly("controller");
	}

	@Test
	void startWhileStoppingIsAStartAndRestartWhileStoppingIsARestart() {
		AtomicInteger runs = new AtomicInteger();
		java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
		this.supervisor.add(WorkerSpec.builder("slow", (context) -> {
			runs.incrementAndGet();
			while (!release.get()) {
				Thread.onSpinWait();
			}
			release.set(false);
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start("slow");
		this.fixture.awaitState("slow", WorkerState.RUNNING);

		this.supervisor.stop("slow");
		assertThat(this.supervisor.status("slow").state()).isEqualTo(WorkerState.STOPPING);
		this.supervisor.start("slow");
		release.set(true);
		await().untilAsserted(() -> assertThat(runs).hasValue(2));
		assertThat(this.supervisor.status("slow").restarts()).isZero();

		this.supervisor.stop("slow");
		this.supervisor.restart("slow");
		release.set(true);
		await().untilAsserted(() -> assertThat(runs).hasValue(3));
		assertThat(this.supervisor.status("slow").restarts()).isEqualTo(1);
		release.set(true);
	}

	@Test
	void startingTheSupervisorDoesNotRerunAWorkerStartedBeforeIt() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("early", (context) -> runs.incrementAndGet())
			.restart(RestartPolicy.NEVER)
			.build());
		this.supervisor.start("early");
		this.fixture.awaitState("early", WorkerState.EXITED);

		this.supervisor.start();

		assertThat(this.supervisor.status("early").state()).isEqualTo(WorkerState.EXITED);
		assertThat(runs).hasValue(1);
	}

	@Test
	void controlAfterShutdownIsRefused() {
		this.supervisor.add(WorkerSpec.builder("w", (context) -> {
		}).build());
		this.supervisor.shutdown();
		assertThatIllegalStateException().isThrownBy(() -> this.supervisor.start("w"))
			.withMessage("Cannot start worker 'w': the supervisor is shut down");
		assertThatIllegalStateException().isThrownBy(() -> this.supervisor.add(WorkerSpec.builder("x", (context) -> {
		}).build())).withMessage("Cannot add worker 'x': the supervisor is shut down");
	}

}
