package dev.supervisor.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Who hears what, once, in which order, and on which thread.
 */
class EventDeliveryTest {

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	@Test
	void aNameRemovedAndAddedAgainIsAnnouncedRemovedBeforeAddedAgain() {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.supervisor.addListener((event) -> {
			if (event instanceof WorkerRemovedEvent) {
				// A slow listener: the removal is announced well after the worker's thread ended.
				sleep(200);
			}
			if (event instanceof WorkerRemovedEvent || event instanceof WorkerAddedEvent) {
				heard.add(event.toString());
			}
		});
		this.supervisor.add(WorkerSpec.builder("phoenix", (context) -> new CountDownLatch(1).await()).build());
		this.supervisor.start("phoenix");
		this.fixture.awaitState("phoenix", WorkerState.RUNNING);

		this.supervisor.remove("phoenix");
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).ignoreException(
				DuplicateWorkerException.class).until(() -> {
					this.supervisor.add(WorkerSpec.builder("phoenix", (context) -> {
					}).build());
					return true;
				});

		await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 3);
		assertThat(heard).containsExactly("Worker 'phoenix' added", "Worker 'phoenix' removed",
				"Worker 'phoenix' added");
	}

	@Test
	void whenNoThreadCanBeMadeListenersRunOffTheSchedulersThreadAndASlowOneStallsNoTimer() {
		AtomicInteger threadsMade = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		List<String> exitThreads = new CopyOnWriteArrayList<>();
		Supervisor failing = Supervisor.builder()
			.scheduler(this.fixture.clock)
			.threadFactory((task) -> {
				if (threadsMade.incrementAndGet() > 1) {
					throw new OutOfMemoryError("unable to create native thread");
				}
				return new Thread(task);
			})
			.listener((event) -> {
				if (event instanceof WorkerExitedEvent exited && exited.outcome() == RunOutcome.FAILED
						&& exited.run().attempt() == 1) {
					exitThreads.add(Thread.currentThread().getName());
					awaitQuietly(release);
				}
			})
			.build();
		try {
			failing.add(WorkerSpec.builder("starved", (context) -> {
				throw new IllegalStateException("fail");
			}).maxRestarts(-1).backoff(Backoff.fixed(Duration.ofSeconds(1))).build());
			failing.start("starved");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> failing.status("starved").state() == WorkerState.BACKOFF);

			// The timer fires on this thread; the launch fails; the listener blocks.
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> this.fixture.clock.advance(Duration.ofSeconds(1)));
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> this.fixture.clock.advance(Duration.ofSeconds(1)));

			await().atMost(Duration.ofSeconds(10)).until(() -> exitThreads.size() == 1);
			assertThat(exitThreads).containsExactly("supervisor-events");
			assertThat(failing.status("starved").lastExit().exception()).isEqualTo(OutOfMemoryError.class.getName());
		}
		finally {
			release.countDown();
			failing.shutdown(Duration.ofSeconds(5));
		}
	}

	@Test
	void listenersHearEveryEventOfAStoppedWorkerBeforeShutdownReturns() {
		int workers = 50;
		List<SupervisorEvent> heard = new CopyOnWriteArrayList<>();
		this.supervisor.addListener((event) -> {
			if (event instanceof WorkerExitedEvent) {
				sleep(20);
			}
			heard.add(event);
		});
		for (int i = 0; i < workers; i++) {
			this.supervisor.add(WorkerSpec.builder("w-" + i, (context) -> new CountDownLatch(1).await()).build());
		}
		this.supervisor.start();
		for (int i = 0; i < workers; i++) {
			this.fixture.awaitState("w-" + i, WorkerState.RUNNING);
		}

		ShutdownResult result = this.supervisor.shutdown(Duration.ofSeconds(60));

		assertThat(result.isClean()).isTrue();
		assertThat(heard).filteredOn(WorkerExitedEvent.class::isInstance).hasSize(workers);
		assertThat(heard).filteredOn((event) -> event.toString().endsWith("from STOPPING to STOPPED"))
			.hasSize(workers);
	}

	private static void sleep(long millis) {
		assertThatNoException().isThrownBy(() -> Thread.sleep(millis));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
