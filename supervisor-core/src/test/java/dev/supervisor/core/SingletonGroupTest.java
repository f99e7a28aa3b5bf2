package dev.supervisor.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.GroupAddedEvent;
import dev.supervisor.core.event.GroupRemovedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A singleton group: one election for the whole group, members started in order when granted,
 * stopped in reverse order when revoked, and fenced by the group's lease.
 */
class SingletonGroupTest {

	private static final Duration VALIDITY = Duration.ofSeconds(3);

	private final GroupFixture groups = new GroupFixture();

	private final SupervisorFixture fixture = this.groups.fixture;

	private final Supervisor supervisor = this.groups.supervisor;

	/** The context of each member's current run. */
	private final Map<String, WorkerContext> contexts = new ConcurrentHashMap<>();

	@AfterEach
	void shutDown() {
		this.groups.close();
	}

	/** Runs until its stop is requested and it is woken (a stop interrupts it). */
	private Worker untilStopped(String name) {
		return (context) -> {
			this.contexts.put(name, context);
			while (context.sleep(Duration.ofDays(1))) {
				// Works while leading.
			}
		};
	}

	private void addMembers(String... names) {
		for (String name : names) {
			this.supervisor.add(WorkerSpec.builder(name, untilStopped(name)).build());
		}
	}

	private void addSingletonGroup(String... members) {
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members(List.of(members)).singleton(true).build());
	}

	private Lease leaseOnSupervisorClock() {
		return Lease.renewedAt(this.fixture.clock, VALIDITY, this.fixture.clock.nanoTime());
	}

	private void awaitStates(WorkerState state, String... names) {
		for (String name : names) {
			this.fixture.awaitState(name, state);
		}
	}

	@Test
	void singletonGroupWithoutLeadershipWaitsInStandbyWithItsMembers() {
		addMembers("fetch", "store");
		addSingletonGroup("fetch", "store");

		this.supervisor.start();

		this.groups.awaitGroup("pipeline", GroupState.STANDBY);
		awaitStates(WorkerState.STANDBY, "fetch", "store");
		assertThat(this.contexts).isEmpty();
		assertThat(this.supervisor.isLeader("pipeline")).isFalse();
	}

	@Test
	void grantedLeadershipStartsTheMembersInOrderAndRevocationStopsThemInReverseIntoStandby() {
		addMembers("fetch", "transform", "store");
		addSingletonGroup("fetch", "transform", "store");
		this.supervisor.start();
		this.groups.awaitGroup("pipeline", GroupState.STANDBY);

		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());
		this.groups.awaitGroup("pipeline", GroupState.RUNNING);
		awaitStates(WorkerState.RUNNING, "fetch", "transform", "store");
		assertThat(this.supervisor.isLeader("pipeline")).isTrue();
		assertThat(this.supervisor.groupStatus("pipeline").leader()).isTrue();
		assertThat(this.supervisor.status("fetch").leader()).isTrue();

		this.supervisor.revokeLeadership("pipeline");
		this.groups.awaitGroup("pipeline", GroupState.STANDBY);
		awaitStates(WorkerState.STANDBY, "fetch", "transform", "store");

		assertThat(this.groups.transitions("fetch", "transform", "store")).containsSubsequence("fetch:RUNNING",
				"transform:RUNNING", "store:RUNNING", "store:STOPPING", "store:STANDBY", "transform:STOPPING",
				"transform:STANDBY", "fetch:STOPPING", "fetch:STANDBY");
		assertThat(this.supervisor.isLeader("pipeline")).isFalse();
		assertThat(this.supervisor.groupStatus("pipeline").leader()).isFalse();
		assertThat(this.supervisor.status("fetch").leader()).isFalse();
	}

	@Test
	void groupStatusShowsLeadershipFromTheGrantEvenWhileTheGroupIsStopped() {
		addMembers("fetch");
		addSingletonGroup("fetch");

		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());
		assertThat(this.supervisor.groupStatus("pipeline").leader()).isTrue();
		assertThat(this.supervisor.groupStatus("pipeline").state()).isEqualTo(GroupState.STOPPED);

		this.supervisor.revokeLeadership("pipeline");
		assertThat(this.supervisor.groupStatus("pipeline").leader()).isFalse();
	}

	@Test
	void singletonGroupAddedAtRunTimeIsAnnouncedWithItsSpecBeforeItWaitsInStandbyAndItsRemovalLast() {
		this.supervisor.start();
		for (String name : List.of("fetch", "store")) {
			this.supervisor.add(WorkerSpec.builder(name, untilStopped(name)).autoStartup(false).build());
		}
		addSingletonGroup("fetch", "store");
		this.groups.awaitGroup("pipeline", GroupState.STANDBY);

		this.supervisor.remove("pipeline");
		Awaitility.await().untilAsserted(() -> assertThat(groupEvents()).last().isInstanceOf(GroupRemovedEvent.class));

		List<SupervisorEvent> events = groupEvents();
		assertThat(events.get(0)).isInstanceOfSatisfying(GroupAddedEvent.class, (added) -> {
			assertThat(added.spec().singleton()).isTrue();
			assertThat(added.spec().members()).containsExactly("fetch", "store");
		});
		assertThat(events).filteredOn(GroupAddedEvent.class::isInstance).hasSize(1);
		assertThat(events).filteredOn(GroupRemovedEvent.class::isInstance).hasSize(1);
		assertThat(this.supervisor.containsGroup("pipeline")).isFalse();
		// Announced once its members' removals were heard: after them, and their names are free.
		List<String> removals = this.fixture.events.all()
			.stream()
			.filter((event) -> event instanceof WorkerRemovedEvent || event instanceof GroupRemovedEvent)
			.map(SupervisorEvent::worker)
			.toList();
		assertThat(removals).containsExactlyInAnyOrder("fetch", "store", "pipeline").endsWith("pipeline");
		assertThat(this.supervisor.contains("fetch")).isFalse();
		assertThat(this.supervisor.contains("store")).isFalse();
	}

	@Test
	void nestedGroupRemovedWithItsParentIsAnnouncedBeforeTheParent() {
		this.supervisor.start();
		this.supervisor.add(WorkerSpec.builder("fetch", untilStopped("fetch")).build());
		this.supervisor.add(WorkerSpec.builder("store", untilStopped("store")).build());
		this.supervisor.addGroup(GroupSpec.builder("inner").members(List.of("store")).build());
		this.supervisor.addGroup(GroupSpec.builder("outer").members(List.of("fetch", "inner")).build());
		awaitStates(WorkerState.RUNNING, "fetch", "store");

		this.supervisor.remove("outer");

		Awaitility.await().until(() -> !this.fixture.events.ofType(GroupRemovedEvent.class).isEmpty()
				&& this.fixture.events.ofType(GroupRemovedEvent.class).size() == 2);
		List<String> removals = this.fixture.events.all()
			.stream()
			.filter((event) -> event instanceof WorkerRemovedEvent || event instanceof GroupRemovedEvent)
			.map(SupervisorEvent::worker)
			.toList();
		assertThat(removals).hasSize(4).endsWith("outer");
		assertThat(removals.indexOf("inner")).isGreaterThan(removals.indexOf("store"));
	}

	private List<SupervisorEvent> groupEvents() {
		return this.fixture.events.all().stream().filter((event) -> event.worker().equals("pipeline")).toList();
	}

	@Test
	void revocationRequestsEveryMembersStopAtOnceWhileTheyStopInReverseOrder() throws Exception {
		CountDownLatch releaseStore = new CountDownLatch(1);
		addMembers("fetch");
		// The last member takes its time to stop: the group waits for it before stopping fetch.
		this.supervisor.add(WorkerSpec.builder("store", (context) -> {
			this.contexts.put("store", context);
			while (!context.isStopRequested()) {
				context.sleep(Duration.ofDays(1));
			}
			while (releaseStore.getCount() > 0) {
				try {
					releaseStore.await();
				}
				catch (InterruptedException ex) {
					// Finishing its last write first.
				}
			}
		}).build());
		addSingletonGroup("fetch", "store");
		this.supervisor.start();
		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());
		awaitStates(WorkerState.RUNNING, "fetch", "store");

		this.supervisor.revokeLeadership("pipeline");
		this.fixture.awaitState("store", WorkerState.STOPPING);

		assertThat(this.supervisor.status("fetch").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.contexts.get("fetch").isStopRequested()).isTrue();

		releaseStore.countDown();
		this.groups.awaitGroup("pipeline", GroupState.STANDBY);
		awaitStates(WorkerState.STANDBY, "fetch", "store");
	}

	@Test
	void membersAreFencedByTheGroupsLeaseFromTheInstantItRunsOut() {
		// The lease runs on a clock of its own, so no timer notices it ending: only the check can.
		ManualScheduler leaseClock = new ManualScheduler();
		addMembers("fetch", "store");
		addSingletonGroup("fetch", "store");
		this.supervisor.start();
		this.supervisor.grantLeadership("pipeline", Lease.renewedAt(leaseClock, VALIDITY, leaseClock.nanoTime()));
		awaitStates(WorkerState.RUNNING, "fetch", "store");

		leaseClock.advance(VALIDITY.minusNanos(1));
		assertThat(this.contexts.get("fetch").isStopRequested()).isFalse();
		assertThat(this.contexts.get("store").isStopRequested()).isFalse();
		leaseClock.advance(Duration.ofNanos(1));

		assertThat(this.contexts.get("fetch").isStopRequested()).isTrue();
		assertThat(this.contexts.get("store").isStopRequested()).isTrue();
	}

	@Test
	void leaseRunningOutOnTheSupervisorsClockStopsTheGroupIntoStandbyAndANewGrantStartsItAgain() {
		addMembers("fetch", "store");
		addSingletonGroup("fetch", "store");
		this.supervisor.start();
		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());
		this.groups.awaitGroup("pipeline", GroupState.RUNNING);

		this.fixture.clock.advance(VALIDITY);

		this.groups.awaitGroup("pipeline", GroupState.STANDBY);
		awaitStates(WorkerState.STANDBY, "fetch", "store");
		assertThat(this.supervisor.isLeader("pipeline")).isFalse();
		int startsBefore = this.groups.starts();

		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());

		this.groups.awaitGroup("pipeline", GroupState.RUNNING);
		awaitStates(WorkerState.RUNNING, "fetch", "store");
		assertThat(this.groups.startsAfter(startsBefore)).containsExactly("fetch", "store");
	}

	@Test
	void renewedLeaseKeepsTheGroupRunning() {
		addMembers("fetch");
		addSingletonGroup("fetch");
		this.supervisor.start();
		Lease lease = leaseOnSupervisorClock();
		this.supervisor.grantLeadership("pipeline", lease);
		this.groups.awaitGroup("pipeline", GroupState.RUNNING);
		// RUNNING comes a moment before the run's code.
		Awaitility.await().until(() -> this.contexts.containsKey("fetch"));

		this.fixture.clock.advance(VALIDITY.minusSeconds(1));
		lease.renew(this.fixture.clock.nanoTime());
		this.fixture.clock.advance(VALIDITY.minusSeconds(1));

		assertThat(this.supervisor.groupStatus("pipeline").state()).isEqualTo(GroupState.RUNNING);
		assertThat(this.supervisor.status("fetch").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.contexts.get("fetch").isStopRequested()).isFalse();
	}

	@Test
	void leadershipGrantedBeforeTheSupervisorStartsRunsTheGroupWhenItStarts() {
		addMembers("fetch", "store");
		addSingletonGroup("fetch", "store");
		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());

		this.supervisor.start();

		this.groups.awaitGroup("pipeline", GroupState.RUNNING);
		awaitStates(WorkerState.RUNNING, "fetch", "store");
	}

	@Test
	void workerAddedToARunningSingletonGroupRunsUnderItsLease() {
		addMembers("fetch");
		addSingletonGroup("fetch");
		this.supervisor.start();
		this.supervisor.grantLeadership("pipeline", leaseOnSupervisorClock());
		this.groups.awaitGroup("pipeline", GroupState.RUNNING);

		this.supervisor.add(WorkerSpec.builder("audit", untilStopped("audit")).build(), "pipeline");

		assertThat(this.fixture.awaitState("audit", WorkerState.RUNNING).leader()).isTrue();
		this.supervisor.revokeLeadership("pipeline");
		this.fixture.awaitState("audit", WorkerState.STANDBY);
	}

	@Test
	void stopOnAStandbyGroupStopsItsMembers() {
		addMembers("fetch");
		addSingletonGroup("fetch");
		this.supervisor.start();
		this.groups.awaitGroup("pipeline", GroupState.STANDBY);

		this.supervisor.stop("pipeline");

		this.groups.awaitGroup("pipeline", GroupState.STOPPED);
		this.fixture.awaitState("fetch", WorkerState.STOPPED);
	}

	@Test
	void singletonWorkerCannotJoinASingletonGroup() {
		this.supervisor.add(WorkerSpec.builder("fetch", untilStopped("fetch")).singleton(true).build());

		assertThatIllegalArgumentException().isThrownBy(() -> addSingletonGroup("fetch"))
			.withMessage("Invalid members for singleton group 'pipeline': worker 'fetch' is a singleton itself"
					+ " (allowed: workers without singleton, elected with their group)");
	}

	@Test
	void singletonWorkerCannotBeAddedToASingletonGroup() {
		addMembers("fetch");
		addSingletonGroup("fetch");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor
				.add(WorkerSpec.builder("audit", untilStopped("audit")).singleton(true).build(), "pipeline"))
			.withMessage("Invalid member for singleton group 'pipeline': worker 'audit' is a singleton itself"
					+ " (allowed: workers without singleton, elected with their group)");
	}

	@Test
	void runningWorkerCannotJoinASingletonGroup() {
		addMembers("fetch");
		this.supervisor.start();
		this.fixture.awaitState("fetch", WorkerState.RUNNING);

		assertThatIllegalArgumentException().isThrownBy(() -> addSingletonGroup("fetch"))
			.withMessage("Invalid members for singleton group 'pipeline': worker 'fetch' is RUNNING"
					+ " (allowed: workers not started yet, which then run only where the group is elected)");
	}

	@Test
	void singletonGroupTakesNoNestedGroupAndJoinsNoGroup() {
		addMembers("fetch", "store");
		this.supervisor.addGroup(GroupSpec.builder("inner").members("fetch").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor
				.addGroup(GroupSpec.builder("pipeline").members("inner").singleton(true).build()))
			.withMessage("Invalid members for singleton group 'pipeline': 'inner' is a group"
					+ " (allowed: workers, elected with their group)");

		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("store").singleton(true).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor.addGroup(GroupSpec.builder("outer").members("pipeline").build()))
			.withMessage("Invalid members for group 'outer': 'pipeline' is a singleton group"
					+ " (allowed: a singleton group belongs to no other group)");
	}

	@Test
	void leadershipOfAGroupThatIsNoSingletonIsRefused() {
		addMembers("fetch");
		this.supervisor.addGroup(GroupSpec.builder("plain").members("fetch").build());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor.grantLeadership("plain", leaseOnSupervisorClock()))
			.withMessage("Group 'plain' is not a singleton: only a group built with singleton(true) takes leadership");
	}

	@Test
	void endedLeaseIsInvalidAndIgnoresRenewals() {
		Lease lease = leaseOnSupervisorClock();

		lease.end();
		lease.renew(this.fixture.clock.nanoTime() + 1);

		assertThat(lease.isValid()).isFalse();
		assertThat(lease.remaining()).isEqualTo(Duration.ZERO);
	}

}
