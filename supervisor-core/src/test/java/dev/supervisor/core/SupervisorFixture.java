package dev.supervisor.core;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.supervisor.core.event.WorkerStateChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervisor on a {@link ManualScheduler}, recording its events, with jitter pinned to the
 * middle of its range (no spread).
 */
final class SupervisorFixture implements AutoCloseable {

	/** {@code nextDouble()} of this generator is always 0.5: jitter factor exactly 1. */
	static final RandomGenerator NO_SPREAD = () -> 1L << 63;

	final ManualScheduler clock = new ManualScheduler();

	final EventRecorder events = new EventRecorder();

	final Supervisor supervisor = Supervisor.builder()
		.scheduler(this.clock)
		.random(NO_SPREAD)
		.shutdownTimeout(Duration.ofSeconds(5))
		.listener(this.events)
		.build();

	/**
	 * Wait until the worker is in the state and listeners have heard of it, so every event up to
	 * that state change has been recorded.
	 */
	WorkerStatus awaitState(String name, WorkerState state) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).untilAsserted(() -> {
			assertThat(this.supervisor.status(name).state()).isEqualTo(state);
			List<WorkerStateChangedEvent> changes = this.events.ofType(WorkerStateChangedEvent.class)
				.stream()
				.filter((change) -> change.worker().equals(name))
				.toList();
			assertThat(changes).last().extracting(WorkerStateChangedEvent::to).isEqualTo(state);
		});
		return this.supervisor.status(name);
	}

	@Override
	public void close() {
		this.supervisor.shutdown();
	}

}
