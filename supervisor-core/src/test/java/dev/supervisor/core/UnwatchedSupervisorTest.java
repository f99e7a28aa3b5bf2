package dev.supervisor.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor without listeners, whose event log is off in these tests: it makes none of the
 * events of a run, and must still keep every status, group decision and timestamp exact.
 */
class UnwatchedSupervisorTest {

	private final ManualScheduler clock = new ManualScheduler();

	private final Supervisor supervisor = Supervisor.builder()
		.scheduler(this.clock)
		.random(SupervisorFixture.NO_SPREAD)
		.shutdownTimeout(Duration.ofSeconds(5))
		.build();

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void aWorkerNobodyWatchesKeepsItsRestartsAndHistory() {
		Scripted worker = Scripted.readyAtOnce();
		this.supervisor.add(WorkerSpec.builder("w", worker).backoff(Backoff.none()).maxRestarts(10).build());
		this.supervisor.start();
		awaitRuns(worker, 1);

		for (int run = 1; run <= 3; run++) {
			worker.crash();
			awaitRuns(worker, run + 1);
		}

		await(() -> this.supervisor.status("w").history().size() == 3);
		WorkerStatus status = this.supervisor.status("w");
		assertThat(status.state()).isEqualTo(WorkerState.RUNNING);
		assertThat(status.restarts()).isEqualTo(3);
		assertThat(status.history()).extracting(RunRecord::attempt).containsExactly(0, 1, 2);
		assertThat(status.history()).allSatisfy((run) -> assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED));
		assertThat(status.lastExit()).isEqualTo(status.history().get(2));
	}

	@Test
	void aRunsTimestampsAgreeWithItsDuration() {
		Scripted worker = Scripted.readyAtOnce();
		this.supervisor.add(WorkerSpec.builder("w", worker).backoff(Backoff.none()).build());
		this.supervisor.start();
		awaitRuns(worker, 1);
		this.clock.advance(Duration.ofMillis(1500));

		worker.crash();

		awaitRuns(worker, 2);
		await(() -> this.supervisor.status("w").lastExit() != null);
		RunRecord run = this.supervisor.status("w").lastExit();
		assertThat(run.duration()).isEqualTo(Duration.ofMillis(1500));
		assertThat(run.endedAt()).isEqualTo(run.startedAt().plus(run.duration()));
		assertThat(run.endedAt()).isEqualTo(this.clock.now());
		// A restart without delay begins when its predecessor ended.
		assertThat(this.supervisor.status("w").startedAt()).isEqualTo(run.endedAt());
	}

	@Test
	void aStatusIsReusedUntilSomethingItShowsChanges() {
		Scripted worker = Scripted.readyAtOnce();
		this.supervisor.add(WorkerSpec.builder("w", worker).backoff(Backoff.none()).build());
		WorkerStatus stopped = this.supervisor.status("w");
		assertThat(this.supervisor.status("w")).isSameAs(stopped);

		this.supervisor.start();
		awaitRuns(worker, 1);

		WorkerStatus running = this.supervisor.status("w");
		assertThat(running).isNotSameAs(stopped);
		assertThat(running.state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.supervisor.status("w")).isSameAs(running);
	}

	@Test
	void aGroupActsOnItsMembersEventsWithoutListeners() {
		Scripted a = Scripted.readyAtOnce();
		Scripted b = Scripted.readyAtOnce();
		this.supervisor.add(WorkerSpec.builder("a", a).backoff(Backoff.none()).build());
		this.supervisor.add(WorkerSpec.builder("b", b).backoff(Backoff.none()).build());
		this.supervisor.addGroup(GroupSpec.builder("g").members("a", "b").strategy(GroupStrategy.ONE_FOR_ALL).build());
		this.supervisor.start();
		awaitRuns(a, 1);
		awaitRuns(b, 1);

		a.crash();

		awaitRuns(a, 2);
		awaitRuns(b, 2);
		await(() -> this.supervisor.groupStatus("g").restarts() == 1
				&& this.supervisor.status("a").state() == WorkerState.RUNNING
				&& this.supervisor.status("b").state() == WorkerState.RUNNING);
	}

	@Test
	void aListenerAddedLaterHearsTheNextRestartWholeAndInOrder() {
		Scripted worker = Scripted.readyWhenTold();
		this.supervisor.add(WorkerSpec.builder("w", worker).backoff(Backoff.none()).build());
		this.supervisor.start();
		awaitRuns(worker, 1);
		EventRecorder events = new EventRecorder();
		this.supervisor.addListener(events);

		worker.crash();

		awaitRuns(worker, 2);
		await(() -> events.ofType(WorkerStartedEvent.class).size() == 1);
		assertThat(events.ofType(SupervisorEvent.class)).map(UnwatchedSupervisorTest::describe)
			.containsExactly("exited FAILED", "restarting", "RUNNING -> BACKOFF", "BACKOFF -> RUNNING",
					"started attempt 1");
	}

	private static String describe(SupervisorEvent event) {
		if (event instanceof WorkerExitedEvent exited) {
			return "exited " + exited.outcome();
		}
		if (event instanceof WorkerRestartingEvent) {
			return "restarting";
		}
		if (event instanceof WorkerStateChangedEvent changed) {
			return changed.from() + " -> " + changed.to();
		}
		if (event instanceof WorkerStartedEvent started) {
			return "started attempt " + started.attempt();
		}
		return event.toString();
	}

	private static void awaitRuns(Scripted worker, int runs) {
		await(() -> worker.runs.get() >= runs);
	}

	private static void await(BooleanSupplier condition) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(2))
			.until(condition::getAsBoolean);
	}

}
