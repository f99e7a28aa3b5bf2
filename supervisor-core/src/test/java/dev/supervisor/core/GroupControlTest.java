package dev.supervisor.core;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runtime control of groups by name, members added and removed at runtime, nested groups, and
 * every refused group.
 */
class GroupControlTest {

	private final GroupFixture group = new GroupFixture();

	private final Supervisor supervisor = this.group.supervisor;

	@AfterEach
	void shutDown() {
		this.group.close();
	}

	@Test
	void restartingAGroupStopsInReverseOrderAndStartsInOrder() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c"));
		this.group.startAll();
		int before = this.group.starts();

		this.supervisor.restart("g");

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.group.worker("c").runs.get() == 2);
		this.group.awaitGroup("g", GroupState.RUNNING);
		assertThat(this.group.startsAfter(before)).containsExactly("a", "b", "c");
		assertThat(this.group.transitions("a", "b", "c")).containsSubsequence("c:STOPPED", "b:STOPPING", "b:STOPPED",
				"a:STOPPING", "a:STOPPED", "a:RUNNING");
		assertThat(this.supervisor.groupStatus("g").restarts()).isEqualTo(1);
	}

	@Test
	void aStoppedGroupStartsAgainByName() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("g").members("a", "b"));
		this.group.startAll();
		this.supervisor.stop("g");
		this.group.awaitGroup("g", GroupState.STOPPED);

		this.supervisor.start("g");

		this.group.awaitGroup("g", GroupState.RUNNING);
		this.group.awaitRunning("a", "b");
	}

	@Test
	void aGroupThatGaveUpStartsAgainWithAFreshLimit() {
		this.group.workers("a");
		this.group.group(GroupSpec.builder("g").members("a").maxRestarts(0));
		this.group.startAll();
		this.group.worker("a").crash();
		this.group.awaitGroup("g", GroupState.FATAL);
		this.group.fixture.awaitState("a", WorkerState.FATAL);

		this.supervisor.start("g");

		this.group.awaitGroup("g", GroupState.RUNNING);
		this.group.awaitRunning("a");
	}

	@Test
	void aMemberAddedToARunningGroupStartsLast() {
		this.group.workers("a");
		this.group.group(GroupSpec.builder("g").members("a").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();
		Scripted late = Scripted.readyAtOnce();

		this.supervisor.add(WorkerSpec.builder("late", late).backoff(Backoff.none()).build(), "g");

		this.group.awaitRunning("late");
		assertThat(this.supervisor.groupStatus("g").members()).containsExactly("a", "late");
		assertThat(this.supervisor.groupOf("late")).isEqualTo("g");

		late.crash();

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.group.worker("a").runs.get() == 2);
		this.group.awaitGroup("g", GroupState.RUNNING);
	}

	@Test
	void aRemovedMemberLeavesItsGroup() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();

		this.supervisor.remove("b");

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.supervisor.contains("b"));
		assertThat(this.supervisor.groupStatus("g").members()).containsExactly("a", "c");
		assertThat(this.supervisor.groupOf("b")).isNull();
		int before = this.group.starts();
		this.group.worker("c").crash();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.group.worker("c").runs.get() == 2);
		this.group.awaitGroup("g", GroupState.RUNNING);
		assertThat(this.group.startsAfter(before)).containsExactly("a", "c");
	}

	@Test
	void removingAGroupRemovesItsMembers() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("g").members("a", "b"));
		this.group.startAll();

		this.supervisor.remove("g");

		assertThat(this.supervisor.containsGroup("g")).isFalse();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> !this.supervisor.contains("a") && !this.supervisor.contains("b"));
	}

	@Test
	void aNestedGroupThatGivesUpIsRestartedByItsParentsStrategy() {
		this.group.workers("db", "cache", "api");
		this.group.group(GroupSpec.builder("storage").members("db", "cache").maxRestarts(0));
		this.group.group(GroupSpec.builder("app").members("storage", "api").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();
		this.group.awaitGroup("app", GroupState.RUNNING);
		int before = this.group.starts();

		this.group.worker("cache").crash();

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.group.worker("api").runs.get() == 2 && this.group.worker("cache").runs.get() == 2);
		this.group.awaitGroup("app", GroupState.RUNNING);
		this.group.awaitGroup("storage", GroupState.RUNNING);
		assertThat(this.group.startsAfter(before)).containsExactly("db", "cache", "api");
		assertThat(this.group.fixture.events.ofType(GroupFatalEvent.class)).extracting(GroupFatalEvent::group)
			.containsExactly("storage");
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class)).singleElement()
			.satisfies((event) -> {
				assertThat(event.group()).isEqualTo("app");
				assertThat(event.member()).isEqualTo("storage");
				assertThat(event.restarted()).containsExactly("storage", "api");
			});
		assertThat(this.supervisor.groupOf("storage")).isEqualTo("app");
	}

	@Test
	void groupStatusesListGroupsInTheOrderAdded() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("second").members("b"));
		this.group.group(GroupSpec.builder("first").members("a"));

		assertThat(this.supervisor.groupStatuses()).extracting((status) -> status.name())
			.containsExactly("second", "first");
		assertThat(this.supervisor.groupStatus("first").state()).isEqualTo(GroupState.STOPPED);
	}

	@Test
	void aMemberThatIsNotRegisteredIsRefused() {
		this.group.workers("a");

		assertThatExceptionOfType(NoSuchWorkerException.class)
			.isThrownBy(() -> this.supervisor.addGroup(GroupSpec.builder("g").members("a", "ghost").build()))
			.withMessage("Worker 'ghost' is not registered; known workers: [a]");
		assertThat(this.supervisor.containsGroup("g")).isFalse();
		assertThat(this.supervisor.groupOf("a")).isNull();
	}

	@Test
	void aMemberOfAnotherGroupIsRefused() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("first").members("a"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor.addGroup(GroupSpec.builder("second").members("b", "a").build()))
			.withMessage("Invalid members for group 'second': 'a' already belongs to group 'first' "
					+ "(allowed: members of no other group)");
		assertThat(this.supervisor.groupOf("b")).isNull();
	}

	@Test
	void aGroupCannotTakeTheNameOfAWorkerNorAWorkerTheNameOfAGroup() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("g").members("a"));

		assertThatExceptionOfType(DuplicateWorkerException.class)
			.isThrownBy(() -> this.supervisor.addGroup(GroupSpec.builder("b").build()))
			.withMessage("Worker 'b' is already registered as a worker");
		assertThatExceptionOfType(DuplicateWorkerException.class)
			.isThrownBy(() -> this.supervisor.add(WorkerSpec.builder("g", (context) -> {
			}).build()))
			.withMessage("Worker 'g' is the name of a group");
	}

	@Test
	void aGroupListingAMemberTwiceOrItselfIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.builder("g").members("a", "a").build())
			.withMessage("Invalid members for group 'g': [a, a] (allowed: each name once)");
		assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.builder("g").members("g").build())
			.withMessage("Invalid members for group 'g': [g] (allowed: names other than the group's own)");
	}

	@Test
	void badGroupValuesAreRefusedNamingTheFieldAndWhatIsAllowed() {
		assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.builder("bad name").build())
			.withMessageStartingWith("Invalid group name: 'bad name' (allowed: ");
		assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.builder("g").maxRestarts(-2).build())
			.withMessage("Invalid maxRestarts for group 'g': -2 (allowed: -1 for unlimited, or 0 and more)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GroupSpec.builder("g").restartWindow(Duration.ZERO).build())
			.withMessage("Invalid restartWindow for group 'g': PT0S (allowed: a positive duration)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GroupSpec.builder("g").stopTimeout(Duration.ofSeconds(-1)).build())
			.withMessage("Invalid stopTimeout for group 'g': PT-1S (allowed: zero or more)");
		assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.builder("g").strategy(null).build())
			.withMessage("Invalid strategy for group 'g': null (allowed: one of ONE_FOR_ONE, ONE_FOR_ALL, REST_FOR_ONE)");
	}

	@Test
	void unknownGroupNamesGetTheKnownNames() {
		this.group.workers("a");
		this.group.group(GroupSpec.builder("g").members("a"));

		assertThatExceptionOfType(NoSuchWorkerException.class).isThrownBy(() -> this.supervisor.groupStatus("nope"))
			.withMessage("Worker 'nope' is not registered; known workers: [g]");
		assertThatExceptionOfType(NoSuchWorkerException.class)
			.isThrownBy(() -> this.supervisor.add(WorkerSpec.builder("x", (context) -> {
			}).build(), "nope"))
			.withMessage("Worker 'nope' is not registered; known workers: [g]");
		assertThat(List.of(this.supervisor.groupOf("a"))).containsExactly("g");
	}

}
