package dev.supervisor.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.supervisor.core.Scheduler;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerThreads;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker is removed once, however many threads ask, and its name is freed only after the
 * removal was announced.
 */
class WorkerRunnerRemovalTest {

	@Test
	void aSecondRemoveWhileTheFirstIsUnderWayPublishesNothingMore() throws Exception {
		List<SupervisorEvent> delivered = new CopyOnWriteArrayList<>();
		AtomicInteger freed = new AtomicInteger();
		CountDownLatch inFirstRemoval = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkerRunner runner = new WorkerRunner(WorkerSpec.builder("idle", (context) -> {
		}).build(), Scheduler.system(), WorkerThreads.platform(), () -> 42L, delivered::add, (removed) -> {
			freed.incrementAndGet();
			inFirstRemoval.countDown();
			await(release);
		}, () -> false, Runnable::run, RunObservers.NONE);
		runner.publishEvents();

		Thread first = new Thread(runner::remove);
		first.start();
		assertThat(inFirstRemoval.await(10, TimeUnit.SECONDS)).isTrue();
		runner.remove();
		release.countDown();
		first.join(Duration.ofSeconds(10).toMillis());

		assertThat(first.isAlive()).isFalse();
		assertThat(delivered).filteredOn(WorkerRemovedEvent.class::isInstance).hasSize(1);
		assertThat(freed).hasValue(1);
	}

	@Test
	void theNameIsFreedOnlyAfterListenersHeardTheRemoval() {
		List<String> order = new CopyOnWriteArrayList<>();
		WorkerRunner runner = new WorkerRunner(WorkerSpec.builder("idle", (context) -> {
		}).build(), Scheduler.system(), WorkerThreads.platform(), () -> 42L, (event) -> order.add(event.toString()),
				(removed) -> order.add("name freed"), () -> false, Runnable::run, RunObservers.NONE);

		runner.remove();

		assertThat(order).containsExactly("Worker 'idle' added", "Worker 'idle' removed", "name freed");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
