package dev.supervisor.core;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown stops everything at once, never waits past its timeout, and names what is stuck.
 */
class ShutdownTest {

	@Test
	void aWorkerThatIgnoresInterruptsIsReportedAfterTheTimeoutAndShutdownReturns() {
		AtomicBoolean release = new AtomicBoolean();
		Supervisor supervisor = Supervisor.builder().build();
		supervisor.add(WorkerSpec.builder("stubborn", deafUntil(release)).build());
		supervisor.add(WorkerSpec.builder("polite", (context) -> new CountDownLatch(1).await()).build());
		supervisor.start();
		await().until(() -> supervisor.statuses().stream().allMatch((s) -> s.state() == WorkerState.RUNNING));

		ShutdownResult result = supervisor.shutdown(Duration.ofMillis(300));

		assertThat(result.stuck()).containsExactly("stubborn");
		assertThat(result.stopped()).isEqualTo(1);
		assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300))
			.as("returns at its timeout, not when the worker gives in")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(supervisor.status("stubborn").state()).isEqualTo(WorkerState.STOPPING);
		assertThat(supervisor.status("polite").state()).isEqualTo(WorkerState.STOPPED);
		release.set(true);
		await().until(() -> supervisor.status("stubborn").state() == WorkerState.STOPPED);
	}

	@Test
	void workersWaitingInBackoffOrStartDelayStopAtOnce() {
		SupervisorFixture fixture = new SupervisorFixture();
		fixture.supervisor.add(WorkerSpec.builder("backing-off", (context) -> {
			throw new IllegalStateException("fail");
		}).backoff(Backoff.fixed(Duration.ofHours(1))).build());
		fixture.supervisor.add(WorkerSpec.builder("delayed", (context) -> {
		}).startDelay(Duration.ofHours(1)).build());
		fixture.supervisor.start();
		fixture.awaitState("backing-off", WorkerState.BACKOFF);
		assertThat(fixture.supervisor.status("delayed").state()).isEqualTo(WorkerState.STARTING);

		// Far longer than the test may take: a shutdown that waited for the hour would fail it.
		ShutdownResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> fixture.supervisor.shutdown(Duration.ofDays(1)));

		assertThat(result.isClean()).isTrue();
		assertThat(result.stopped()).isEqualTo(2);
		assertThat(fixture.supervisor.statuses()).extracting(WorkerStatus::state)
			.containsOnly(WorkerState.STOPPED);
		assertThat(fixture.clock.pendingDelays()).isEmpty();
	}

	@Test
	void shutdownIsBoundedByItsTimeoutWhenAListenerNeverReturns() {
		CountDownLatch never = new CountDownLatch(1);
		Supervisor supervisor = Supervisor.builder().listener((event) -> {
			if (event instanceof WorkerStateChangedEvent change && change.to() == WorkerState.STOPPING) {
				awaitQuietly(never);
			}
		}).build();
		try {
			for (int i = 0; i < 4; i++) {
				supervisor.add(WorkerSpec.builder("w-" + i, (context) -> new CountDownLatch(1).await()).build());
			}
			supervisor.start();
			await().until(() -> supervisor.statuses().stream().allMatch((s) -> s.state() == WorkerState.RUNNING));

			ShutdownResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
					() -> supervisor.shutdown(Duration.ofMillis(100)));

			// The blocked listener holds the first worker's thread; the others' listeners wait
			// behind it on the delivery thread or their own. None returns before the timeout.
			assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		}
		finally {
			never.countDown();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aThousandWorkersOnPlatformThreadsStartAndStopCleanly() {
		Supervisor supervisor = Supervisor.builder().threadFactory(WorkerThreads.platform()).build();
		startIdleWorkers(supervisor, 1000);

		ShutdownResult result = supervisor.shutdown(Duration.ofSeconds(30));

		assertThat(result.isClean()).isTrue();
		assertThat(result.stopped()).isEqualTo(1000);
		assertThat(supervisor.statuses()).hasSize(1000)
			.allSatisfy((status) -> assertThat(status.state()).isEqualTo(WorkerState.STOPPED))
			.allSatisfy((status) -> assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.STOPPED));
	}

	/** Ten thousand where threads are cheap; a thousand platform threads on JVMs without virtual ones. */
	private static final int MANY = WorkerThreads.virtualThreadsAvailable() ? 10_000 : 1_000;

	@Test
	void aWorkerThatIgnoresInterruptsAmongManyThatStopIsTheOnlyOneReported() {
		AtomicBoolean release = new AtomicBoolean();
		Set<String> heardStopped = ConcurrentHashMap.newKeySet();
		Supervisor supervisor = Supervisor.builder()
			.threadFactory(WorkerThreads.virtualIfAvailable())
			.listener((event) -> {
				if (event instanceof WorkerStateChangedEvent change && change.to() == WorkerState.STOPPED) {
					heardStopped.add(change.worker());
				}
			})
			.build();
		try {
			supervisor.add(WorkerSpec.builder("stubborn", deafUntil(release)).build());
			for (int i = 0; i < MANY; i++) {
				supervisor.add(WorkerSpec.builder("polite-" + i, (context) -> new CountDownLatch(1).await()).build());
			}
			supervisor.start();
			await().atMost(Duration.ofMinutes(1))
				.until(() -> supervisor.statuses().stream().allMatch((s) -> s.state() == WorkerState.RUNNING));

			// Generous, so that the polite ones stop in time on a loaded machine.
			ShutdownResult result = supervisor.shutdown(Duration.ofSeconds(5));

			assertThat(result.stuck()).containsExactly("stubborn");
			assertThat(result.stopped()).isEqualTo(MANY);
			assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(5))
				.as("returns at its timeout, not when the worker gives in")
				.isLessThan(Duration.ofSeconds(30));
			assertThat(heardStopped).as("every polite worker's STOPPED heard before shutdown returned")
				.hasSize(MANY)
				.doesNotContain("stubborn");
			assertThat(supervisor.status("stubborn").state()).isEqualTo(WorkerState.STOPPING);
		}
		finally {
			release.set(true);
		}
		await().until(() -> supervisor.status("stubborn").state() == WorkerState.STOPPED);
	}

	@Test
	void everyWorkersFinalEventsAreDeliveredBeforeShutdownReturns() {
		Set<String> exited = ConcurrentHashMap.newKeySet();
		Set<String> stopped = ConcurrentHashMap.newKeySet();
		Supervisor supervisor = Supervisor.builder()
			.threadFactory(WorkerThreads.virtualIfAvailable())
			.listener((event) -> {
				if (event instanceof WorkerExitedEvent exit) {
					// A slow listener, so that delivery lags behind the threads' ends.
					sleepQuietly(1);
					exited.add(exit.worker());
				}
				else if (event instanceof WorkerStateChangedEvent change && change.to() == WorkerState.STOPPED) {
					stopped.add(change.worker());
				}
			})
			.build();
		startIdleWorkers(supervisor, MANY);

		ShutdownResult result = supervisor.shutdown(Duration.ofMinutes(1));

		assertThat(result.isClean()).isTrue();
		assertThat(result.stopped()).isEqualTo(MANY);
		assertThat(exited).as("exit events heard when shutdown returned").hasSize(MANY);
		assertThat(stopped).as("STOPPED heard when shutdown returned").hasSize(MANY);
	}

	/** Add {@code count} workers that idle until stopped, start them, and wait until all run. */
	private static void startIdleWorkers(Supervisor supervisor, int count) {
		for (int i = 0; i < count; i++) {
			supervisor.add(WorkerSpec.builder("worker-" + i, (context) -> {
				while (context.sleep(Duration.ofHours(1))) {
					// Idle until stopped.
				}
			}).build());
		}
		supervisor.start();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> supervisor.statuses().stream().allMatch((s) -> s.state() == WorkerState.RUNNING));
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A worker that ignores stop requests and interrupts until released. */
	private static Worker deafUntil(AtomicBoolean release) {
		return (context) -> {
			while (!release.get()) {
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ignored) {
					// Deliberately deaf to stop requests.
				}
			}
		};
	}

}
