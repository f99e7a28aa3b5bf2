package dev.supervisor.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A million crash-restarts: every one counted exactly, with heap and thread count flat.
 */
class RestartStormTest {

	private static final int CRASHES = 1_000_000;

	/** Thrown by every crash: a stack trace per crash would measure the JVM, not the engine. */
	private static final RuntimeException CRASH = new RuntimeException("crash", null, false, false) {

		private static final long serialVersionUID = 1L;

	};

	@Test
	void aMillionCrashRestartsAreCountedExactlyWithFlatHeapAndThreads() {
		AtomicLong runs = new AtomicLong();
		AtomicLong started = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong restarting = new AtomicLong();
		// Measured inside the storm, on the worker's thread, at the 10% mark and at the end.
		long[] heap = new long[2];
		int[] threads = new int[2];
		Supervisor supervisor = Supervisor.builder().listener((event) -> {
			if (event instanceof WorkerStartedEvent) {
				started.incrementAndGet();
			}
			else if (event instanceof WorkerExitedEvent exited && exited.outcome() == RunOutcome.FAILED) {
				failed.incrementAndGet();
			}
			else if (event instanceof WorkerRestartingEvent) {
				restarting.incrementAndGet();
			}
		}).build();
		supervisor.add(WorkerSpec.builder("storm", (context) -> {
			long run = runs.incrementAndGet();
			if (run == CRASHES / 10 || run == CRASHES) {
				int mark = (run == CRASHES) ? 1 : 0;
				heap[mark] = usedHeapAfterGc();
				threads[mark] = ManagementFactory.getThreadMXBean().getThreadCount();
			}
			if (run <= CRASHES) {
				throw CRASH;
			}
		}).maxRestarts(WorkerSpec.UNLIMITED_RESTARTS).backoff(Backoff.none()).build());
		long begin = System.nanoTime();

		supervisor.start();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
			.until(() -> supervisor.status("storm").state() == WorkerState.EXITED);

		Duration took = Duration.ofNanos(System.nanoTime() - begin);
		long heapGrowth = heap[1] - heap[0];
		System.out.printf("Restart storm: %,d crash-restarts in %d ms; heap %+,d bytes from the 10%% mark to the "
				+ "end; threads %d at 10%%, %d at the end%n", CRASHES, took.toMillis(), heapGrowth, threads[0],
				threads[1]);
		WorkerStatus status = supervisor.status("storm");
		assertThat(status.restarts()).isEqualTo(CRASHES);
		assertThat(runs).hasValue(CRASHES + 1L);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(started).hasValue(CRASHES + 1L));
		assertThat(failed).hasValue(CRASHES);
		assertThat(restarting).hasValue(CRASHES);
		assertThat(status.history()).hasSize(10);
		assertThat(heapGrowth).as("heap growth over 900,000 restarts").isLessThan(8L * 1024 * 1024);
		assertThat(threads[1]).as("threads at the end of the storm").isLessThanOrEqualTo(threads[0]);
		assertThat(supervisor.shutdown().isClean()).isTrue();
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		// Several collections, the least seen: a single System.gc() may leave garbage behind.
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
