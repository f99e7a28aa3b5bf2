package dev.supervisor.observation;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.process.ProcessWorker;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ObservationRunObserver}: what each run's observation holds.
 */
class ObservationRunObserverTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private Supervisor supervisor;

	@AfterEach
	void shutDown() {
		if (this.supervisor != null) {
			this.supervisor.shutdown();
		}
	}

	@Test
	void aCompletedRunIsAnObservationOfTheWorkerWithNoException() {
		run("mailer", (context) -> {
		}, new ObservationRunObserver(this.registry));

		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("supervisor.worker.run")
			.hasContextualNameEqualTo("run mailer")
			.hasLowCardinalityKeyValue("worker", "mailer")
			.hasLowCardinalityKeyValue("outcome", "completed")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasHighCardinalityKeyValue("attempt", "0")
			.doesNotHaveHighCardinalityKeyValueWithKey("pid")
			.doesNotHaveError();
	}

	@Test
	void aFailedRunRecordsItsExceptionAsKeyAndAsError() {
		IOException failure = new IOException("connection reset");
		run("feed", (context) -> {
			throw failure;
		}, new ObservationRunObserver(this.registry));

		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "failed")
			.hasLowCardinalityKeyValue("exception", "java.io.IOException")
			.hasError(failure);
	}

	@Test
	void aStoppedRunIsNotAnErrorWhateverItThrew() {
		run("poller", (context) -> {
			Thread.sleep(Long.MAX_VALUE);
		}, new ObservationRunObserver(this.registry));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.supervisor.status("poller").state() == WorkerState.RUNNING);
		this.supervisor.stop("poller");

		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "stopped")
			.hasLowCardinalityKeyValue("exception", "none")
			.doesNotHaveError();
	}

	@Test
	void theObservationIsCurrentWhileTheWorkersCodeRuns() {
		AtomicReference<Observation> current = new AtomicReference<>();
		run("mailer", (context) -> current.set(this.registry.getCurrentObservation()),
				new ObservationRunObserver(this.registry));

		awaitStopped();
		assertThat(current.get()).isNotNull();
		assertThat(current.get().getContext()).isInstanceOf(WorkerRunObservationContext.class);
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void eachRunIsItsOwnObservationWithItsAttempt() {
		run("flaky", (context) -> {
			if (context.attempt() < 2) {
				throw new IllegalStateException("not yet");
			}
		}, new ObservationRunObserver(this.registry), RestartPolicy.ON_FAILURE);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry).hasNumberOfObservationsEqualTo(3));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry).hasAnObservation((observation) -> observation
				.hasHighCardinalityKeyValue("attempt", "2")
				.hasLowCardinalityKeyValue("outcome", "completed")));
		assertThat(this.registry).hasAnObservation((observation) -> observation
			.hasHighCardinalityKeyValue("attempt", "1")
			.hasLowCardinalityKeyValue("outcome", "failed"));
	}

	@Test
	void aConventionOfOnesOwnReplacesTheDefault() {
		WorkerRunObservationConvention convention = new DefaultWorkerRunObservationConvention() {

			@Override
			public String getName() {
				return "jobs.run";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(WorkerRunObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "billing");
			}

		};
		run("mailer", (context) -> {
		}, new ObservationRunObserver(this.registry, convention));

		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("jobs.run")
			.hasLowCardinalityKeyValue("team", "billing")
			.hasLowCardinalityKeyValue("worker", "mailer");
	}

	@Test
	void theWorkerKeyFollowsTheTagPolicyAndTheWorkersOwnNameStaysOnTheSpan() {
		run("consumer-7", (context) -> {
		}, new ObservationRunObserver(this.registry, null, (spec) -> "consumer"));

		awaitStopped();
		assertThat(this.registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("run consumer-7")
			.hasLowCardinalityKeyValue("worker", "consumer")
			.hasHighCardinalityKeyValue("worker.name", "consumer-7");
	}

	@Test
	void theRunOfAProcessCarriesItsPid() {
		ProcessWorker process = new ProcessWorker(ProcessSpec.builder("ticker", "sh", "-c", "exit 0").build());
		this.supervisor = Supervisor.builder().runObserver(new ObservationRunObserver(this.registry)).build();
		this.supervisor.add(process.workerSpec().restart(RestartPolicy.NEVER).build());
		this.supervisor.start();

		awaitStopped();
		Long pid = process.snapshot().pid();
		assertThat(pid).isNotNull();
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("worker", "ticker")
			.hasLowCardinalityKeyValue("outcome", "completed")
			.hasHighCardinalityKeyValue("pid", pid.toString());
	}

	private void run(String name, Worker worker, ObservationRunObserver observer) {
		run(name, worker, observer, RestartPolicy.NEVER);
	}

	private void run(String name, Worker worker, ObservationRunObserver observer, RestartPolicy restart) {
		this.supervisor = Supervisor.builder().runObserver(observer).build();
		this.supervisor.add(WorkerSpec.builder(name, worker).restart(restart).backoff(Backoff.none()).build());
		this.supervisor.start();
	}

	private void awaitStopped() {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry).hasSingleObservationThat().hasBeenStopped());
	}

}
