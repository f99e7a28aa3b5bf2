package dev.supervisor.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.supervisor.core.event.WorkerStateChangedEvent;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link SupervisorFixture} with scripted members and helpers that read a group's history
 * from the recorded events.
 */
final class GroupFixture implements AutoCloseable {

	final SupervisorFixture fixture = new SupervisorFixture();

	final Supervisor supervisor = this.fixture.supervisor;

	final Map<String, Scripted> workers = new LinkedHashMap<>();

	/** Add scripted workers that restart at once after a failure. */
	GroupFixture workers(String... names) {
		for (String name : names) {
			worker(name, Scripted.readyAtOnce(), Backoff.none());
		}
		return this;
	}

	GroupFixture worker(String name, Scripted worker, Backoff backoff) {
		this.workers.put(name, worker);
		this.supervisor.add(WorkerSpec.builder(name, worker).backoff(backoff).maxRestarts(100).build());
		return this;
	}

	Scripted worker(String name) {
		return this.workers.get(name);
	}

	void group(GroupSpec.Builder group) {
		this.supervisor.addGroup(group.build());
	}

	/** Start everything and wait until every scripted worker is running. */
	void startAll() {
		this.supervisor.start();
		this.workers.keySet().forEach((name) -> this.fixture.awaitState(name, WorkerState.RUNNING));
	}

	GroupStatus awaitGroup(String name, GroupState state) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(2))
			.untilAsserted(() -> assertThat(this.supervisor.groupStatus(name).state()).isEqualTo(state));
		return this.supervisor.groupStatus(name);
	}

	/** Wait until each named worker is running, its listeners told. */
	void awaitRunning(String... names) {
		for (String name : names) {
			this.fixture.awaitState(name, WorkerState.RUNNING);
		}
	}

	/** Every state change of the named workers, as "worker:STATE", in the order heard. */
	List<String> transitions(String... names) {
		List<String> wanted = List.of(names);
		return this.fixture.events.ofType(WorkerStateChangedEvent.class)
			.stream()
			.filter((change) -> wanted.contains(change.worker()))
			.map((change) -> change.worker() + ":" + change.to())
			.toList();
	}

	/** The workers that became {@code RUNNING}, in the order heard, after the first {@code skip}. */
	List<String> startsAfter(int skip) {
		return runningChanges().stream().skip(skip).map(WorkerStateChangedEvent::worker).toList();
	}

	/** How many times listeners heard a worker become {@code RUNNING}. */
	int starts() {
		return runningChanges().size();
	}

	private List<WorkerStateChangedEvent> runningChanges() {
		return this.fixture.events.ofType(WorkerStateChangedEvent.class)
			.stream()
			.filter((change) -> change.to() == WorkerState.RUNNING)
			.toList();
	}

	@Override
	public void close() {
		this.fixture.close();
	}

}
