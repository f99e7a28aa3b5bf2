package dev.supervisor.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.group.GroupStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start order (after {@code RUNNING}, or after {@code ready()} with {@code awaitReady}), stop
 * order on request and at shutdown.
 */
class GroupOrderTest {

	private final GroupFixture group = new GroupFixture();

	@AfterEach
	void shutDown() {
		this.group.close();
	}

	@Test
	void eachMemberStartsOnlyOnceThePreviousOneIsRunning() {
		Scripted slow = Scripted.readyAtOnce();
		this.group.workers.put("a", slow);
		this.group.supervisor.add(WorkerSpec.builder("a", slow).startDelay(Duration.ofSeconds(5)).build());
		this.group.workers("b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c"));

		this.group.supervisor.start();

		assertThat(this.group.supervisor.status("a").state()).isEqualTo(WorkerState.STARTING);
		assertThat(this.group.supervisor.status("b").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.group.supervisor.status("c").state()).isEqualTo(WorkerState.STOPPED);
		GroupStatus starting = this.group.supervisor.groupStatus("g");
		assertThat(starting.state()).isEqualTo(GroupState.STARTING);
		assertThat(starting.waitingFor()).isEqualTo("a");

		this.group.fixture.clock.advance(Duration.ofSeconds(5));

		this.group.awaitGroup("g", GroupState.RUNNING);
		assertThat(this.group.startsAfter(0)).containsExactly("a", "b", "c");
		assertThat(this.group.supervisor.groupStatus("g").waitingFor()).isNull();
	}

	@Test
	void withAwaitReadyAMemberThatNeverSaysReadyHoldsItsSuccessors() {
		Scripted slow = Scripted.readyWhenTold();
		this.group.worker("a", slow, Backoff.none());
		this.group.workers("b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").awaitReady(true));

		this.group.supervisor.start();
		this.group.awaitRunning("a");

		assertThat(this.group.supervisor.status("b").state()).isEqualTo(WorkerState.STOPPED);
		GroupStatus waiting = this.group.supervisor.groupStatus("g");
		assertThat(waiting.state()).isEqualTo(GroupState.STARTING);
		assertThat(waiting.waitingFor()).isEqualTo("a");

		slow.signalReady();

		this.group.awaitGroup("g", GroupState.RUNNING);
		this.group.awaitRunning("b", "c");
		assertThat(this.group.startsAfter(0)).containsExactly("a", "b", "c");
	}

	@Test
	void withoutAwaitReadyTheNextMemberDoesNotWaitForReady() {
		this.group.worker("a", Scripted.readyWhenTold(), Backoff.none());
		this.group.workers("b");
		this.group.group(GroupSpec.builder("g").members("a", "b"));

		this.group.supervisor.start();

		this.group.awaitGroup("g", GroupState.RUNNING);
		this.group.awaitRunning("a", "b");
	}

	@Test
	void stoppingAGroupStopsMembersInReverseOrderEachAfterTheNextHasStopped() {
		this.group.workers("a", "b", "c");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c").strategy(GroupStrategy.ONE_FOR_ALL));
		this.group.startAll();

		this.group.supervisor.stop("g");

		this.group.awaitGroup("g", GroupState.STOPPED);
		assertThat(this.group.transitions("a", "b", "c")).containsSubsequence("c:STOPPING", "c:STOPPED", "b:STOPPING",
				"b:STOPPED", "a:STOPPING", "a:STOPPED");
		assertThat(this.group.fixture.events.ofType(dev.supervisor.core.event.GroupRestartingEvent.class)).isEmpty();
	}

	@Test
	void aMemberThatDoesNotStopWithinTheStopTimeoutDoesNotHoldTheOthers() {
		this.group.workers("a");
		CountDownLatch release = new CountDownLatch(1);
		Worker stubborn = (context) -> {
			while (true) {
				try {
					release.await();
					return;
				}
				catch (InterruptedException ex) {
					// ignores the stop request until the test releases it
				}
			}
		};
		this.group.supervisor.add(WorkerSpec.builder("b", stubborn).build());
		this.group.group(GroupSpec.builder("g").members("a", "b").stopTimeout(Duration.ofSeconds(2)));
		this.group.supervisor.start();
		this.group.awaitRunning("a", "b");

		this.group.supervisor.stop("g");
		this.group.fixture.awaitState("b", WorkerState.STOPPING);
		assertThat(this.group.supervisor.status("a").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.group.supervisor.groupStatus("g").waitingFor()).isEqualTo("b");

		this.group.fixture.clock.advance(Duration.ofSeconds(2));

		this.group.fixture.awaitState("a", WorkerState.STOPPED);
		assertThat(this.group.supervisor.status("b").state()).isEqualTo(WorkerState.STOPPING);
		release.countDown();
		this.group.fixture.awaitState("b", WorkerState.STOPPED);
		this.group.awaitGroup("g", GroupState.STOPPED);
	}

	@Test
	void shutdownStopsMembersInReverseOrder() {
		this.group.workers("a", "b", "c", "loner");
		this.group.group(GroupSpec.builder("g").members("a", "b", "c"));
		this.group.startAll();

		ShutdownResult result = this.group.supervisor.shutdown();

		assertThat(result.stuck()).isEmpty();
		assertThat(this.group.transitions("a", "b", "c")).containsSubsequence("c:STOPPING", "c:STOPPED", "b:STOPPING",
				"b:STOPPED", "a:STOPPING", "a:STOPPED");
		assertThat(this.group.supervisor.status("loner").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.group.supervisor.groupStatus("g").state()).isEqualTo(GroupState.STOPPED);
	}

	@Test
	void shutdownStopsGroupsAddedLaterFirst() {
		this.group.workers("a", "b");
		this.group.group(GroupSpec.builder("first").members("a"));
		this.group.group(GroupSpec.builder("second").members("b"));
		this.group.startAll();

		this.group.supervisor.shutdown();

		assertThat(this.group.transitions("a", "b")).containsSubsequence("b:STOPPED", "a:STOPPING");
	}

}
