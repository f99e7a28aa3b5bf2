package dev.supervisor.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing a worker or a listener throws breaks the engine, not even a throwable that throws
 * when read; and that holds with the engine's logging on, because loggers read throwables.
 */
class HostileCodeTest {

	private final SupervisorLog log = new SupervisorLog();

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	@AfterEach
	void shutDown() {
		try {
			assertThat(this.fixture.supervisor.shutdown().isClean()).isTrue();
		}
		finally {
			this.log.close();
		}
	}

	@Test
	void aThrowableWhoseMessageThrowsIsAFailedRunAndTheWorkerStaysSupervised() {
		AtomicInteger runs = new AtomicInteger();
		this.supervisor.add(WorkerSpec.builder("hostile", (context) -> {
			if (runs.incrementAndGet() == 1) {
				throw Hostile.unreadableException();
			}
			new CountDownLatch(1).await();
		}).backoff(Backoff.none()).build());
		this.supervisor.start("hostile");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runs).hasValue(2));
		WorkerStatus status = this.fixture.awaitState("hostile", WorkerState.RUNNING);
		RunRecord failed = status.lastExit();
		assertThat(failed.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(failed.exception()).isEqualTo(Hostile.UnreadableException.class.getName());
		assertThat(failed.message()).isEqualTo("(message unavailable: getMessage() threw java.lang.IllegalStateException)");
		assertThat(this.log.messages()).anySatisfy((message) -> assertThat(message)
			.startsWith("Worker 'hostile' failed (Hostile$UnreadableException: (message unavailable")
			.endsWith("logged with its stack trace only)"));

		this.supervisor.stop("hostile");
		this.fixture.awaitState("hostile", WorkerState.STOPPED);
		this.supervisor.remove("hostile");
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.supervisor.contains("hostile"));
	}

	@Test
	void aListenerThrowingAnUnreadableThrowableHarmsNeitherTheWorkerNorOtherListeners() {
		EventRecorder after = new EventRecorder();
		this.supervisor.addListener((event) -> {
			throw Hostile.unreadableException();
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
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(after.ofType(WorkerExitedEvent.class)).hasSize(3));
		assertThat(after.ofType(WorkerStartedEvent.class)).hasSize(3);
		assertThat(this.log.messages()).anySatisfy((message) -> assertThat(message)
			.contains("could not be read").contains(Hostile.UnreadableException.class.getName()));
	}

	@Test
	void aListenerThatThrowsAnErrorOnTheRemovalStillFreesTheName() {
		this.supervisor.addListener((event) -> {
			if (event instanceof WorkerRemovedEvent) {
				throw new StackOverflowError("listener bug");
			}
		});
		this.supervisor.add(WorkerSpec.builder("temp", (context) -> new CountDownLatch(1).await()).build());
		this.supervisor.start("temp");
		this.fixture.awaitState("temp", WorkerState.RUNNING);

		this.supervisor.remove("temp");

		await().atMost(Duration.ofSeconds(10)).until(() -> !this.supervisor.contains("temp"));
		assertThat(this.fixture.events.ofType(WorkerRemovedEvent.class)).hasSize(1);
	}

}
