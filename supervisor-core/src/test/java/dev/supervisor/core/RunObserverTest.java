package dev.supervisor.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link RunObserver} hook: where and when it wraps each run.
 */
class RunObserverTest {

	private static final ThreadLocal<String> SCOPE = new ThreadLocal<>();

	/** What observers, workers and listeners did, in order. */
	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final ManualScheduler clock = new ManualScheduler();

	private Supervisor supervisor;

	@AfterEach
	void shutDown() {
		if (this.supervisor != null) {
			this.supervisor.shutdown();
		}
	}

	@Test
	void whatTheObserverOpensBeforeARunIsVisibleToTheWorkerOnItsThread() {
		List<String> seen = new CopyOnWriteArrayList<>();
		start(WorkerSpec.builder("mailer", (context) -> {
			seen.add(Thread.currentThread().getName());
			seen.add(SCOPE.get());
		}).build(), (spec, context) -> {
			SCOPE.set("scope of " + MDC.get("worker") + " #" + context.attempt());
			return (run, thrown) -> SCOPE.remove();
		});

		awaitState("mailer", WorkerState.EXITED);
		assertThat(seen).containsExactly("supervisor-mailer", "scope of mailer #0");
	}

	@Test
	void afterRunGetsTheOutcomeAndTheExceptionOnTheRunsThreadBeforeListenersHearOfIt() {
		IOException failure = new IOException("connection reset");
		start(WorkerSpec.builder("feed", (context) -> {
			throw failure;
		}).restart(RestartPolicy.NEVER).build(), (spec, context) -> (run, thrown) -> {
			assertThat(thrown).isSameAs(failure);
			this.journal.add("after " + run.outcome() + " " + run.exception() + " on "
					+ Thread.currentThread().getName());
		});

		awaitState("feed", WorkerState.EXITED);
		awaitJournal("after FAILED java.io.IOException on supervisor-feed", "exited FAILED");
	}

	@Test
	void aStoppedRunEndsItsObservationAsStopped() {
		start(WorkerSpec.builder("poller", (context) -> {
			while (context.sleep(Duration.ofSeconds(1))) {
				// poll
			}
		}).build(), (spec, context) -> (run, thrown) -> this.journal.add("after " + run.outcome()));

		awaitState("poller", WorkerState.RUNNING);
		this.supervisor.stop("poller");

		awaitState("poller", WorkerState.STOPPED);
		awaitJournal("after STOPPED", "exited STOPPED");
	}

	@Test
	void eachRestartOnTheSameThreadIsObservedOnItsOwnAndInTurn() {
		AtomicInteger runs = new AtomicInteger();
		start(WorkerSpec.builder("flaky", (context) -> {
			if (runs.incrementAndGet() < 3) {
				throw new IllegalStateException("not yet");
			}
		}).backoff(Backoff.none()).build(), (spec, context) -> {
			this.journal.add("before #" + context.attempt());
			return (run, thrown) -> this.journal.add("after #" + run.attempt() + " " + run.outcome());
		});

		awaitState("flaky", WorkerState.EXITED);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.journal.stream().filter((entry) -> !entry.startsWith("exited")))
				.containsExactly("before #0", "after #0 FAILED", "before #1", "after #1 FAILED", "before #2",
						"after #2 COMPLETED"));
	}

	@Test
	void observersNestAndOneThatThrowsNeitherHarmsTheRunNorTheOthers() {
		AtomicInteger runs = new AtomicInteger();
		RunObserver outer = (spec, context) -> {
			this.journal.add("outer before");
			return (run, thrown) -> this.journal.add("outer after");
		};
		RunObserver broken = (spec, context) -> {
			throw new IllegalStateException("observer bug");
		};
		RunObserver inner = (spec, context) -> {
			this.journal.add("inner before");
			return (run, thrown) -> {
				this.journal.add("inner after");
				throw new IllegalStateException("observer bug");
			};
		};
		this.supervisor = Supervisor.builder()
			.scheduler(this.clock)
			.runObserver(outer)
			.runObserver(broken)
			.runObserver(inner)
			.listener(this::record)
			.build();
		this.supervisor.add(WorkerSpec.builder("steady", (context) -> {
			runs.incrementAndGet();
			this.journal.add("run");
		}).build());
		this.supervisor.start();

		awaitState("steady", WorkerState.EXITED);
		assertThat(runs).hasValue(1);
		assertThat(this.supervisor.status("steady").lastExit().outcome()).isEqualTo(RunOutcome.COMPLETED);
		awaitJournal("outer before", "inner before", "run", "inner after", "outer after", "exited COMPLETED");
	}

	private void start(WorkerSpec spec, RunObserver observer) {
		this.supervisor = Supervisor.builder()
			.scheduler(this.clock)
			.runObserver(observer)
			.listener(this::record)
			.build();
		this.supervisor.add(spec);
		this.supervisor.start();
	}

	private void record(SupervisorEvent event) {
		if (event instanceof WorkerExitedEvent exited) {
			this.journal.add("exited " + exited.outcome());
		}
	}

	/** Listeners hear of a run's end after the state change: wait for them too. */
	private void awaitJournal(String... entries) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.journal).containsExactly(entries));
	}

	private void awaitState(String name, WorkerState state) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(2))
			.until(() -> this.supervisor.status(name).state() == state);
	}

}
