package dev.supervisor.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.group.GroupStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@code instances}: independently supervised copies in a one-for-one group named after the
 * worker.
 */
class ReplicatedWorkerTest {

	private final GroupFixture group = new GroupFixture();

	private final Supervisor supervisor = this.group.supervisor;

	@AfterEach
	void shutDown() {
		this.group.close();
	}

	@Test
	void instancesRunAsNumberedCopiesThatKnowWhichTheyAre() {
		Scripted consumer = Scripted.readyAtOnce();
		this.supervisor.add(WorkerSpec.builder("consumer", consumer).instances(3).build());

		this.supervisor.start();

		this.group.awaitRunning("consumer-1", "consumer-2", "consumer-3");
		// RUNNING is set before a copy's code runs: wait for each to have run.
		await().until(() -> consumer.instances.size() == 3);
		assertThat(consumer.instances).containsExactlyInAnyOrder(1, 2, 3);
		GroupStatus status = this.group.awaitGroup("consumer", GroupState.RUNNING);
		assertThat(status.spec().strategy()).isEqualTo(GroupStrategy.ONE_FOR_ONE);
		assertThat(status.members()).containsExactly("consumer-1", "consumer-2", "consumer-3");
		assertThat(this.supervisor.groupOf("consumer-2")).isEqualTo("consumer");
		assertThat(this.supervisor.contains("consumer")).isFalse();
	}

	@Test
	void aFailingCopyRestartsAlone() {
		this.supervisor.add(WorkerSpec.builder("consumer", (context) -> {
			if (context.instance() == 2 && context.attempt() == 0) {
				throw new IllegalStateException("copy 2 fails once");
			}
			context.sleep(java.time.Duration.ofDays(1));
		}).backoff(Backoff.none()).instances(3).build());

		this.supervisor.start();

		// Copy 2 is RUNNING once before it fails: wait for its restart.
		await().until(() -> this.supervisor.status("consumer-2").restarts() == 1);
		this.group.awaitRunning("consumer-1", "consumer-2", "consumer-3");
		assertThat(this.supervisor.status("consumer-2").restarts()).isEqualTo(1);
		assertThat(this.supervisor.status("consumer-1").restarts()).isZero();
		assertThat(this.supervisor.status("consumer-3").restarts()).isZero();
	}

	@Test
	void aReplicatedWorkerIsControlledByItsName() {
		this.supervisor.add(WorkerSpec.builder("consumer", Scripted.readyAtOnce()).instances(2).build());
		this.supervisor.start();
		this.group.awaitGroup("consumer", GroupState.RUNNING);

		this.supervisor.stop("consumer");

		this.group.awaitGroup("consumer", GroupState.STOPPED);
		assertThat(this.supervisor.status("consumer-1").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.supervisor.status("consumer-2").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void aSingleInstanceIsAPlainWorkerWhoseInstanceIsOne() {
		Scripted single = Scripted.readyAtOnce();
		this.supervisor.add(WorkerSpec.builder("single", single).build());
		this.supervisor.start();

		this.group.awaitRunning("single");
		await().until(() -> !single.instances.isEmpty());

		assertThat(single.instances).containsExactly(1);
		assertThat(this.supervisor.containsGroup("single")).isFalse();
	}

	@Test
	void eachCopyKnowsTheWorkerItReplicatesAndAPlainWorkerReplicatesNone() {
		this.supervisor.add(WorkerSpec.builder("consumer", Scripted.readyAtOnce()).instances(2).build());
		this.supervisor.add(WorkerSpec.builder("consumer-3", Scripted.readyAtOnce()).build());

		assertThat(this.supervisor.status("consumer-1").spec().replicaOf()).isEqualTo("consumer");
		assertThat(this.supervisor.status("consumer-2").spec().replicaOf()).isEqualTo("consumer");
		assertThat(this.supervisor.status("consumer-3").spec().replicaOf()).isNull();
	}

	@Test
	void instancesBelowOneAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkerSpec.builder("consumer", (context) -> {
			}).instances(0).build())
			.withMessage("Invalid instances for worker 'consumer': 0 (allowed: 1 or more)");
	}

	@Test
	void aCopysNameMustBeFree() {
		this.supervisor.add(WorkerSpec.builder("consumer-2", (context) -> {
		}).build());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor.add(WorkerSpec.builder("consumer", (context) -> {
			}).instances(2).build()))
			.withMessage("Worker 'consumer-2' is already registered as a worker");
		assertThat(this.supervisor.contains("consumer-1")).isFalse();
		assertThat(this.supervisor.containsGroup("consumer")).isFalse();
	}

}
