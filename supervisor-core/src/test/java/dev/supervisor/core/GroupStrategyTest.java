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

/**
 * Each strategy's restart set and order, the group's restart limit and its escalation, after
 * the cases of Erlang/OTP's supervisor test suite ({@code one_for_one},
 * {@code one_for_all_escalation}, {@code rest_for_one_other_child_fails_restart}...). The
 * members restart without backoff unless a test says otherwise; the group's decisions are read
 * from a recording listener.
 */
class GroupStrategyTest {

	private final GroupFixture group = new GroupFixture();

	@AfterEach
	void shutDown() {
		this.group.close();
	}

	@Test
	void oneForOneRestartsOnlyTheMemberThatFailed() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").strategy(GroupStrategy.ONE_FOR_ONE));
		this.group.startAll();
		int before = this.group.starts();

		this.group.worker("b").crash();

		this.group.fixture.awaitState("b", WorkerState.RUNNING);
		await(() -> this.group.worker("b").runs.get() == 2);
		assertThat(this.group.startsAfter(before)).containsExactly("b");
		assertThat(this.group.worker("a").runs).hasValue(1);
		assertThat(this.group.worker("c").runs).hasValue(1);
		assertThat(this.group.supervisor.groupStatus("g").restarts()).isEqualTo(1);
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class)).singleElement()
			.satisfies((event) -> {
				assertThat(event.restarted()).containsExactly("b");
				assertThat(event.restart()).isEqualTo(1);
			});
	}

	@Test
	void oneForOneEscalationGivesUpTheGroupAndItsMembers() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("g")
			.members("a", "b")
			.maxRestarts(1)
			.restartWindow(Duration.ofMinutes(1))
			.escalation(Escalation.SHUTDOWN));
		this.group.startAll();

		this.group.worker("b").crash();
		await(() -> this.group.worker("b").runs.get() == 2);
		this.group.awaitRunning("b");
		this.group.worker("a").crash();

		this.group.awaitGroup("g", GroupState.FATAL);
		this.group.fixture.awaitState("a", WorkerState.FATAL);
		this.group.fixture.awaitState("b", WorkerState.FATAL);
		assertThat(this.group.fixture.events.ofType(GroupFatalEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.member()).isEqualTo("a");
			assertThat(event.limitBreached()).isTrue();
			assertThat(event.escalation()).isEqualTo(Escalation.SHUTDOWN);
			assertThat(event).hasToString("Group 'g' exceeded 1 restart within 1m (last failure: 'a') and was "
					+ "given up with its members; escalation shutdown");
		});
		assertThat(this.group.worker("a").runs).hasValue(1);
	}

	@Test
	void oneForAllStopsTheOthersInReverseOrderThenStartsAllInOrder() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();
		int before = this.group.starts();

		this.group.worker("b").crash();

		await(() -> this.group.worker("c").runs.get() == 2);
		this.group.awaitGroup("g", GroupState.RUNNING);
		assertThat(this.group.startsAfter(before)).containsExactly("a", "b", "c");
		assertThat(this.group.transitions("a", "b", "c")).containsSubsequence("b:BACKOFF", "c:STOPPING",
				"c:STOPPED", "a:STOPPING", "a:STOPPED", "a:RUNNING", "b:RUNNING", "c:RUNNING");
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.restarted()).containsExactly("a", "b", "c"));
		assertThat(this.group.supervisor.status("a").restarts()).isEqualTo(1);
		assertThat(this.group.supervisor.status("b").restarts()).isEqualTo(1);
	}

	@Test
	void oneForAllWaitsForTheFailedMembersBackoffBeforeStartingAgain() {
		this.group.worker("a", Scripted.readyAtOnce(), Backoff.none());
		this.group.worker("b", Scripted.readyAtOnce(), Backoff.fixed(Duration.ofSeconds(3)));
		this.group.group(GroupSpec.builder("g").members("a", "b").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();

		this.group.worker("b").crash();
		this.group.fixture.awaitState("a", WorkerState.STOPPED);
		// The group schedules its wait once it has heard a stop, which may come after the status.
		await(() -> this.group.fixture.clock.pendingDelays().contains(Duration.ofSeconds(3)));
		this.group.fixture.clock.advance(Duration.ofSeconds(2));
		assertThat(this.group.supervisor.status("a").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.group.supervisor.status("b").state()).isEqualTo(WorkerState.BACKOFF);

		this.group.fixture.clock.advance(Duration.ofSeconds(1));
		this.group.awaitRunning("a", "b");
		this.group.awaitGroup("g", GroupState.RUNNING);
	}

	@Test
	void oneForAllEscalationGivesUpEveryMember() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g")
			.members("a", "b", "c")
			.strategy(GroupStrategy.ONE_FOR_ALL)
			.maxRestarts(1)
			.restartWindow(Duration.ofMinutes(1)));
		this.group.startAll();
		this.group.worker("c").crash();
		this.group.awaitGroup("g", GroupState.RUNNING);
		await(() -> this.group.worker("c").runs.get() == 2);
		this.group.awaitRunning("a", "b", "c");

		this.group.worker("a").crash();

		this.group.awaitGroup("g", GroupState.FATAL);
		for (String member : List.of("a", "b", "c")) {
			this.group.fixture.awaitState(member, WorkerState.FATAL);
		}
		assertThat(this.group.worker("a").runs).hasValue(2);
	}

	@Test
	void oneForAllOtherChildFailsRestartIsRestartedAgainAndCounted() {
		this.group.worker("a", Scripted.readyAtOnce(), Backoff.none());
		this.group.worker("b", Scripted.readyAtOnce().failingOnRun(2), Backoff.none());
		this.group.worker("c", Scripted.readyAtOnce(), Backoff.none());
		this.group.group(GroupSpec.builder("g")
			.members("a", "b", "c")
			.strategy(GroupStrategy.ONE_FOR_ALL)
			.awaitReady(true)
			.maxRestarts(2));
		this.group.startAll();
		int before = this.group.starts();

		this.group.worker("a").crash();

		await(() -> this.group.worker("b").runs.get() == 3);
		this.group.awaitGroup("g", GroupState.RUNNING);
		this.group.awaitRunning("a", "b", "c");
		// b failed before it was ready, so c was not started in between.
		assertThat(this.group.startsAfter(before)).containsExactly("a", "b", "a", "b", "c");
		assertThat(this.group.supervisor.groupStatus("g").restarts()).isEqualTo(2);
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class))
			.extracting(GroupRestartingEvent::restart)
			.containsExactly(1, 2);
	}

	@Test
	void restForOneRestartsTheMemberAndThoseAfterItOnly() {
		this.group.workers("a", "b", "c", "d");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c", "d").strategy(GroupStrategy.REST_FOR_ONE));
		this.group.startAll();
		int before = this.group.starts();

		this.group.worker("b").crash();

		await(() -> this.group.worker("d").runs.get() == 2);
		this.group.awaitGroup("g", GroupState.RUNNING);
		assertThat(this.group.startsAfter(before)).containsExactly("b", "c", "d");
		assertThat(this.group.transitions("b", "c", "d")).containsSubsequence("b:BACKOFF", "d:STOPPING", "d:STOPPED",
				"c:STOPPING", "c:STOPPED", "b:RUNNING", "c:RUNNING", "d:RUNNING");
		assertThat(this.group.transitions("a")).containsExactly("a:RUNNING");
		assertThat(this.group.worker("a").runs).hasValue(1);
	}

	@Test
	void restForOneEscalationGivesUpTheWholeGroup() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g")
			.members("a", "b", "c")
			.strategy(GroupStrategy.REST_FOR_ONE)
			.maxRestarts(0));
		this.group.startAll();

		this.group.worker("c").crash();

		this.group.awaitGroup("g", GroupState.FATAL);
		for (String member : List.of("a", "b", "c")) {
			this.group.fixture.awaitState(member, WorkerState.FATAL);
		}
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class)).isEmpty();
	}

	@Test
	void restForOneOtherChildFailsRestartWidensTheRestart() {
		this.group.worker("a", Scripted.readyAtOnce(), Backoff.none());
		this.group.worker("b", Scripted.readyAtOnce(), Backoff.none());
		this.group.worker("c", Scripted.readyAtOnce().failingOnRun(2), Backoff.none());
		this.group.worker("d", Scripted.readyAtOnce(), Backoff.none());
		this.group.group(GroupSpec.builder("g")
			.members("a", "b", "c", "d")
			.strategy(GroupStrategy.REST_FOR_ONE)
			.awaitReady(true));
		this.group.startAll();
		int before = this.group.starts();

		this.group.worker("c").crash();

		await(() -> this.group.worker("c").runs.get() == 3);
		this.group.awaitGroup("g", GroupState.RUNNING);
		this.group.awaitRunning("a", "b", "c", "d");
		assertThat(this.group.startsAfter(before)).containsExactly("c", "c", "d");
		assertThat(this.group.worker("a").runs).hasValue(1);
		assertThat(this.group.worker("b").runs).hasValue(1);
	}

	@Test
	void aCompletedRunRestartsByTheStrategyWithoutCountingTowardTheLimit() {
		Scripted periodic = Scripted.readyAtOnce();
		this.group.worker("a", Scripted.readyAtOnce(), Backoff.none());
		this.group.workers.put("b", periodic);
		this.group.supervisor.add(WorkerSpec.builder("b", periodic)
			.restart(RestartPolicy.ALWAYS)
			.backoff(Backoff.none())
			.build());
		this.group.group(GroupSpec.builder("g").members("a", "b").strategy(GroupStrategy.ONE_FOR_ALL).maxRestarts(0));
		this.group.startAll();

		periodic.complete();

		await(() -> this.group.worker("a").runs.get() == 2 && periodic.runs.get() == 2);
		this.group.awaitGroup("g", GroupState.RUNNING);
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class)).singleElement()
			.satisfies((event) -> {
				assertThat(event.failed()).isFalse();
				assertThat(event.restart()).isZero();
			});
	}

	@Test
	void aMemberThatEndsForGoodLeavesItsSiblingsRunning() {
		Scripted oneShot = Scripted.readyAtOnce();
		this.group.workers("a");
		this.group.workers.put("b", oneShot);
		this.group.supervisor.add(WorkerSpec.builder("b", oneShot).restart(RestartPolicy.NEVER).build());
		this.group.workers("c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();

		oneShot.complete();

		this.group.fixture.awaitState("b", WorkerState.EXITED);
		assertThat(this.group.supervisor.status("a").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.group.supervisor.status("c").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.group.supervisor.groupStatus("g").state()).isEqualTo(GroupState.RUNNING);
		assertThat(this.group.fixture.events.ofType(GroupRestartingEvent.class)).isEmpty();
	}

	@Test
	void aMemberGivenUpByItsOwnLimitGivesUpARestForOneGroup() {
		this.group.workers("a");
		Scripted fragile = Scripted.readyAtOnce();
		this.group.workers.put("b", fragile);
		this.group.supervisor.add(WorkerSpec.builder("b", fragile).maxRestarts(0).build());
		this.group.workers("c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").strategy(GroupStrategy.REST_FOR_ONE));
		this.group.startAll();

		fragile.crash();

		this.group.awaitGroup("g", GroupState.FATAL);
		this.group.fixture.awaitState("a", WorkerState.FATAL);
		this.group.fixture.awaitState("c", WorkerState.FATAL);
		assertThat(this.group.fixture.events.ofType(GroupFatalEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.limitBreached()).isFalse();
			assertThat(event).hasToString(
					"Group 'g' lost member 'b', which was given up and was given up with its members; escalation none");
		});
	}

	@Test
	void aMemberGivenUpByItsOwnLimitStaysAloneInAOneForOneGroup() {
		this.group.workers("a");
		Scripted fragile = Scripted.readyAtOnce();
		this.group.workers.put("b", fragile);
		this.group.supervisor.add(WorkerSpec.builder("b", fragile).maxRestarts(0).build());
		this.group.group(GroupSpec.builder("g").members("a", "b"));
		this.group.startAll();

		fragile.crash();

		this.group.fixture.awaitState("b", WorkerState.FATAL);
		assertThat(this.group.supervisor.status("a").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.group.supervisor.groupStatus("g").state()).isEqualTo(GroupState.RUNNING);
	}

	private static void await(java.util.concurrent.Callable<Boolean> condition) {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(condition);
	}

}
