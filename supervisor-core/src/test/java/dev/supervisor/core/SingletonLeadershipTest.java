package dev.supervisor.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.LeadershipGrantedEvent;
import dev.supervisor.core.event.LeadershipRevokedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Cluster singletons: leadership granted and revoked, and the lease that fences a worker whose
 * instance may have lost its lock.
 */
class SingletonLeadershipTest {

	private static final Duration VALIDITY = Duration.ofSeconds(3);

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	private final AtomicInteger runs = new AtomicInteger();

	private final AtomicReference<WorkerContext> context = new AtomicReference<>();

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	/** Runs until interrupted, counting its runs and keeping its context. */
	private Worker untilStopped() {
		return (context) -> {
			this.context.set(context);
			this.runs.incrementAndGet();
			new CountDownLatch(1).await();
		};
	}

	private void addSingleton(Worker worker) {
		this.supervisor.add(WorkerSpec.builder("poller", worker).singleton(true).build());
	}

	private Lease leaseOnSupervisorClock() {
		return Lease.renewedAt(this.fixture.clock, VALIDITY, this.fixture.clock.nanoTime());
	}

	private List<SupervisorEvent> leadershipEvents() {
		return this.fixture.events.all()
			.stream()
			.filter((event) -> event instanceof LeadershipGrantedEvent || event instanceof LeadershipRevokedEvent)
			.toList();
	}

	@Test
	void singletonStartedWithoutLeadershipWaitsInStandby() {
		addSingleton(untilStopped());

		this.supervisor.start();

		WorkerStatus status = this.fixture.awaitState("poller", WorkerState.STANDBY);
		assertThat(status.leader()).isFalse();
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void grantedLeadershipStartsTheWorkerAndRevocationStopsItIntoStandby() {
		addSingleton(untilStopped());
		this.supervisor.start();
		this.fixture.awaitState("poller", WorkerState.STANDBY);

		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		assertThat(this.fixture.awaitState("poller", WorkerState.RUNNING).leader()).isTrue();
		await().untilAsserted(() -> assertThat(this.runs).hasValue(1));

		this.supervisor.revokeLeadership("poller");
		WorkerStatus status = this.fixture.awaitState("poller", WorkerState.STANDBY);

		assertThat(status.leader()).isFalse();
		assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);
		assertThat(this.fixture.events.ofType(WorkerStateChangedEvent.class)).extracting(WorkerStateChangedEvent::to)
			.containsExactly(WorkerState.STANDBY, WorkerState.RUNNING, WorkerState.STOPPING, WorkerState.STANDBY);
		assertThat(leadershipEvents()).hasSize(2).last().isInstanceOfSatisfying(LeadershipRevokedEvent.class,
				(revoked) -> assertThat(revoked.reason()).isEqualTo(LeadershipRevokedEvent.Reason.REVOKED));
	}

	@Test
	void stopIsRequestedFromTheInstantTheLeaseRunsOutEvenIfNoTimerHasNoticed() {
		// The lease runs on a clock of its own, so no timer of the supervisor fires when it ends:
		// as for a process that resumes after a pause, only the check itself can tell.
		ManualScheduler leaseClock = new ManualScheduler();
		CountDownLatch release = new CountDownLatch(1);
		addSingleton((context) -> {
			this.context.set(context);
			release.await();
		});
		this.supervisor.start();
		this.supervisor.grantLeadership("poller", Lease.renewedAt(leaseClock, VALIDITY, leaseClock.nanoTime()));
		await().untilAsserted(() -> assertThat(this.context).doesNotHaveNullValue());

		leaseClock.advance(VALIDITY.minusNanos(1));
		assertThat(this.context.get().isStopRequested()).isFalse();
		assertThat(this.context.get().sleep(Duration.ZERO)).isTrue();
		leaseClock.advance(Duration.ofNanos(1));
		assertThat(this.context.get().isStopRequested()).isTrue();
		assertThat(this.context.get().sleep(Duration.ofSeconds(1))).isFalse();
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);

		release.countDown();
		WorkerStatus status = this.fixture.awaitState("poller", WorkerState.STANDBY);
		assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);
		assertThat(leadershipEvents()).last().isInstanceOfSatisfying(LeadershipRevokedEvent.class,
				(revoked) -> assertThat(revoked.reason()).isEqualTo(LeadershipRevokedEvent.Reason.LEASE_EXPIRED));
	}

	@Test
	void leaseRunningOutStopsTheWorkerWhenTheSupervisorsClockReachesIt() {
		addSingleton(untilStopped());
		this.supervisor.start();
		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		this.fixture.awaitState("poller", WorkerState.RUNNING);

		this.fixture.clock.advance(VALIDITY.minusMillis(1));
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
		this.fixture.clock.advance(Duration.ofMillis(1));

		WorkerStatus status = this.fixture.awaitState("poller", WorkerState.STANDBY);
		assertThat(status.leader()).isFalse();
		assertThat(leadershipEvents()).last().isInstanceOfSatisfying(LeadershipRevokedEvent.class,
				(revoked) -> assertThat(revoked.reason()).isEqualTo(LeadershipRevokedEvent.Reason.LEASE_EXPIRED));
	}

	@Test
	void renewedLeaseKeepsTheWorkerRunningUntilTheRenewalRunsOut() {
		addSingleton(untilStopped());
		this.supervisor.start();
		Lease lease = leaseOnSupervisorClock();
		this.supervisor.grantLeadership("poller", lease);
		this.fixture.awaitState("poller", WorkerState.RUNNING);
		await().untilAsserted(() -> assertThat(this.context).doesNotHaveNullValue());

		this.fixture.clock.advance(Duration.ofSeconds(2));
		lease.renew(lease.now());
		this.fixture.clock.advance(Duration.ofSeconds(2));
		assertThat(this.context.get().isStopRequested()).isFalse();
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);

		this.fixture.clock.advance(Duration.ofSeconds(1));
		this.fixture.awaitState("poller", WorkerState.STANDBY);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void revocationDuringBackoffCancelsTheRestart() {
		AtomicInteger failures = new AtomicInteger();
		addSingleton((context) -> {
			failures.incrementAndGet();
			throw new IllegalStateException("boom");
		});
		this.supervisor.start();
		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		this.fixture.awaitState("poller", WorkerState.BACKOFF);

		this.supervisor.revokeLeadership("poller");
		this.fixture.awaitState("poller", WorkerState.STANDBY);
		this.fixture.clock.advance(Duration.ofMinutes(1));

		assertThat(failures).hasValue(1);
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.STANDBY);
	}

	@Test
	void leadershipGrantedAgainWhileStoppingRunsTheWorkerAgain() {
		CountDownLatch stopping = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		addSingleton((context) -> {
			this.runs.incrementAndGet();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				stopping.countDown();
				if (this.runs.get() == 1) {
					release.await();
				}
			}
		});
		this.supervisor.start();
		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		this.fixture.awaitState("poller", WorkerState.RUNNING);
		this.supervisor.revokeLeadership("poller");
		this.fixture.awaitState("poller", WorkerState.STOPPING);

		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		release.countDown();

		await().untilAsserted(() -> assertThat(this.runs).hasValue(2));
		assertThat(this.fixture.awaitState("poller", WorkerState.RUNNING).leader()).isTrue();
	}

	@Test
	void stopInStandbyIsFinalUntilAnExplicitStart() {
		addSingleton(untilStopped());
		this.supervisor.start();
		this.fixture.awaitState("poller", WorkerState.STANDBY);

		this.supervisor.stop("poller");
		this.fixture.awaitState("poller", WorkerState.STOPPED);
		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.supervisor.status("poller").leader()).isTrue();

		this.supervisor.start("poller");
		this.fixture.awaitState("poller", WorkerState.RUNNING);
		await().untilAsserted(() -> assertThat(this.runs).hasValue(1));
	}

	@Test
	void shutdownStopsASingletonInStandby() {
		addSingleton(untilStopped());
		this.supervisor.start();
		this.fixture.awaitState("poller", WorkerState.STANDBY);

		this.supervisor.shutdown();

		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void leadershipOfAWorkerThatIsNotASingletonIsRefusedWithItsName() {
		this.supervisor.add(WorkerSpec.builder("mailer", untilStopped()).build());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.supervisor.grantLeadership("mailer", leaseOnSupervisorClock()))
			.withMessage("Worker 'mailer' is not a singleton: only a worker built with singleton(true) takes leadership");
		assertThat(this.supervisor.status("mailer").leader()).isFalse();
	}

	@Test
	void leadershipEventsReadAsSentences() {
		addSingleton(untilStopped());
		this.supervisor.start();
		this.supervisor.grantLeadership("poller", leaseOnSupervisorClock());
		this.fixture.awaitState("poller", WorkerState.RUNNING);
		this.fixture.clock.advance(VALIDITY);
		this.fixture.awaitState("poller", WorkerState.STANDBY);

		assertThat(leadershipEvents()).extracting(Object::toString)
			.containsExactly("Worker 'poller' was granted leadership (lease valid 3s after each renewal)",
					"Worker 'poller' lost leadership (its lease expired without renewal)");
		assertThat(this.fixture.events.ofType(WorkerExitedEvent.class)).singleElement()
			.extracting(WorkerExitedEvent::outcome)
			.isEqualTo(RunOutcome.STOPPED);
	}

}
