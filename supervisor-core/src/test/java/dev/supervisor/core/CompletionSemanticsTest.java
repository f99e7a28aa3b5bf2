package dev.supervisor.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A completed run is not a crash, and a stop always ends in {@code STOPPED}.
 */
class CompletionSemanticsTest {

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	@Test
	void aPeriodicAlwaysWorkerNeverGoesFatalFromCompletions() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("periodic", (context) -> runs.incrementAndGet())
			.restart(RestartPolicy.ALWAYS)
			.maxRestarts(2)
			.restartWindow(Duration.ofHours(1))
			.backoff(Backoff.fixed(Duration.ofSeconds(5)))
			.build());
		this.supervisor.start("periodic");

		for (int i = 0; i < 20; i++) {
			this.fixture.awaitState("periodic", WorkerState.BACKOFF);
			this.fixture.clock.advance(Duration.ofSeconds(5));
		}

		this.fixture.awaitState("periodic", WorkerState.BACKOFF);
		assertThat(runs).hasValue(21);
		assertThat(this.supervisor.status("periodic").restarts()).isEqualTo(20);
		assertThat(this.fixture.events.ofType(RestartLimitBreachedEvent.class)).isEmpty();
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).last()
			.hasToString("Worker 'periodic' completed; restarting in 5s");
	}

	@Test
	void aCompletionResetsTheBackoffButLeavesFailuresCounted() {
		AtomicInteger runs = new AtomicInteger();
		// fail, fail, complete, fail, fail: the limit of 3 failure restarts breaks on the fourth
		// failure, and the completion's restart waits the initial delay again.
		this.supervisor.add(WorkerSpec.builder("mixed", (context) -> {
			if (runs.incrementAndGet() != 3) {
				throw new IllegalStateException("fail " + runs.get());
			}
		})
			.restart(RestartPolicy.ALWAYS)
			.maxRestarts(3)
			.restartWindow(Duration.ofHours(1))
			.backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.0))
			.build());
		this.supervisor.start("mixed");

		for (int i = 0; i < 4; i++) {
			this.fixture.awaitState("mixed", WorkerState.BACKOFF);
			this.fixture.clock.advance(this.fixture.clock.pendingDelays().get(0));
		}

		this.fixture.awaitState("mixed", WorkerState.FATAL);
		assertThat(runs).hasValue(5);
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class)).extracting(WorkerRestartingEvent::delay)
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
					Duration.ofSeconds(2));
		assertThat(this.fixture.events.ofType(WorkerRestartingEvent.class))
			.extracting(WorkerRestartingEvent::restart)
			.containsExactly(1, 2, 0, 3);
		assertThat(this.fixture.events.ofType(RestartLimitBreachedEvent.class)).singleElement()
			.satisfies((breach) -> assertThat(breach.cause().describeException())
				.as("what an onFatal handler shows").isEqualTo("IllegalStateException: fail 5"));
	}

	@Test
	void stopMakesAFatalWorkerStopped() {
		this.supervisor.add(WorkerSpec.builder("hopeless", (context) -> {
			throw new IllegalStateException("fail");
		}).maxRestarts(0).build());
		this.supervisor.start("hopeless");
		this.fixture.awaitState("hopeless", WorkerState.FATAL);

		this.supervisor.stop("hopeless");

		assertThat(this.supervisor.status("hopeless").state()).isEqualTo(WorkerState.STOPPED);
		this.fixture.awaitState("hopeless", WorkerState.STOPPED);
	}

	@Test
	void stopMakesAnExitedWorkerStopped() {
		this.supervisor.add(WorkerSpec.builder("once", (context) -> {
		}).restart(RestartPolicy.NEVER).build());
		this.supervisor.start("once");
		this.fixture.awaitState("once", WorkerState.EXITED);

		this.supervisor.stop("once");

		assertThat(this.supervisor.status("once").state()).isEqualTo(WorkerState.STOPPED);
		this.fixture.awaitState("once", WorkerState.STOPPED);
	}

	@Test
	void restartOfAFatalWorkerGoesStraightToRunning() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("again", (context) -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("fail");
			}
			context.sleep(Duration.ofHours(1));
		}).maxRestarts(0).build());
		this.supervisor.start("again");
		this.fixture.awaitState("again", WorkerState.FATAL);

		this.supervisor.restart("again");

		this.fixture.awaitState("again", WorkerState.RUNNING);
		assertThat(this.fixture.events.all()).extracting(Object::toString)
			.contains("Worker 'again' changed from FATAL to RUNNING")
			.doesNotContain("Worker 'again' changed from FATAL to STOPPED");
	}

}
