package dev.supervisor.actuate.endpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import dev.supervisor.actuate.endpoint.SupervisorEndpoint.GroupDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpoint.LastExitDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkerDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkerDetailsDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkersDescriptor;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Lease;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStrategy;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.process.ProcessWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorEndpoint}.
 */
class SupervisorEndpointTests {

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SupervisorEndpoint endpoint = new SupervisorEndpoint(this.supervisor, WorkerDetailsResolver.standard(),
			Show.ALWAYS, Set.of());

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void describesEveryWorkerInNameOrder() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> {
		}).autoStartup(false).critical(false).build());
		this.supervisor.add(failingMailer());
		this.supervisor.start();
		awaitState("mailer", WorkerState.FATAL);
		List<WorkerDescriptor> workers = this.endpoint.workers(SecurityContext.NONE).getWorkers();
		assertThat(workers).extracting(WorkerDescriptor::getName).containsExactly("mailer", "poller");
		WorkerDescriptor mailer = workers.get(0);
		assertThat(mailer.getType()).isEqualTo("worker");
		assertThat(mailer.getState()).isEqualTo("FATAL");
		assertThat(mailer.getRestarts()).isEqualTo(1);
		assertThat(mailer.getPolicy()).isEqualTo("on-failure");
		assertThat(mailer.isCritical()).isTrue();
		assertThat(mailer.getStartedAt()).isNotNull();
		LastExitDescriptor lastExit = mailer.getLastExit();
		assertThat(lastExit.getOutcome()).isEqualTo("failed");
		assertThat(lastExit.getException()).isEqualTo("java.io.IOException");
		assertThat(lastExit.getMessage()).isEqualTo("connection reset");
		assertThat(lastExit.getAt()).isNotNull();
		WorkerDescriptor poller = workers.get(1);
		assertThat(poller.getState()).isEqualTo("STOPPED");
		assertThat(poller.getStartedAt()).isNull();
		assertThat(poller.getLastExit()).isNull();
		assertThat(poller.isCritical()).isFalse();
	}

	@Test
	void writesPoliciesInLowerCaseWithDashes() {
		this.supervisor.add(WorkerSpec.builder("a", (context) -> {
		}).restart(RestartPolicy.ALWAYS).autoStartup(false).build());
		this.supervisor.add(WorkerSpec.builder("b", (context) -> {
		}).restart(RestartPolicy.NEVER).autoStartup(false).build());
		assertThat(this.endpoint.workers(SecurityContext.NONE).getWorkers()).extracting(WorkerDescriptor::getPolicy)
			.containsExactly("always", "never");
	}

	@Test
	void describesOneWorkerWithItsRecentRuns() {
		this.supervisor.add(failingMailer());
		this.supervisor.start();
		awaitState("mailer", WorkerState.FATAL);
		WorkerDetailsDescriptor mailer = (WorkerDetailsDescriptor) this.endpoint.worker(SecurityContext.NONE, "mailer");
		assertThat(mailer.getName()).isEqualTo("mailer");
		assertThat(mailer.getHistory()).hasSize(2).allSatisfy((run) -> {
			assertThat(run.getOutcome()).isEqualTo("failed");
			assertThat(run.getException()).isEqualTo("java.io.IOException");
			assertThat(run.getMessage()).isEqualTo("connection reset");
			assertThat(run.getDuration()).isNotNull();
			assertThat(run.getAt()).isAfterOrEqualTo(run.getStartedAt());
		});
		assertThat(mailer.getHistory()).extracting((run) -> run.getAttempt()).containsExactly(0, 1);
		assertThat(mailer.getPid()).isNull();
		assertThat(mailer.getExitCode()).isNull();
		assertThat(mailer.getOutput()).isNull();
	}

	@Test
	void hidesExceptionMessagesAndProcessOutputUnlessValuesAreShown() {
		SupervisorEndpoint hiding = new SupervisorEndpoint(this.supervisor);
		this.supervisor.add(failingMailer());
		ProcessWorker process = new ProcessWorker(ProcessSpec.builder("echo", "sh", "-c", "echo password=hunter2").build());
		this.supervisor.add(process.workerSpec().restart(RestartPolicy.NEVER).build());
		this.supervisor.start();
		awaitState("mailer", WorkerState.FATAL);
		awaitState("echo", WorkerState.EXITED);
		WorkerDetailsDescriptor mailer = details(hiding.worker(SecurityContext.NONE, "mailer"));
		assertThat(mailer.getLastExit().getException()).isEqualTo("java.io.IOException");
		assertThat(mailer.getLastExit().getMessage()).isEqualTo("******");
		assertThat(mailer.getHistory()).extracting(LastExitDescriptor::getMessage).containsOnly("******");
		assertThat(details(hiding.worker(SecurityContext.NONE, "echo")).getOutput()).extracting(WorkerDetails.Line::text)
			.containsExactly("******");
	}

	@Test
	void showsValuesWhenAuthorizedOnlyToTheConfiguredRoles() {
		SupervisorEndpoint endpoint = new SupervisorEndpoint(this.supervisor, WorkerDetailsResolver.standard(),
				Show.WHEN_AUTHORIZED, Set.of("ops"));
		this.supervisor.add(failingMailer());
		this.supervisor.start();
		awaitState("mailer", WorkerState.FATAL);
		assertThat(details(endpoint.worker(user("ops"), "mailer")).getLastExit().getMessage()).isEqualTo("connection reset");
		assertThat(details(endpoint.worker(user("viewer"), "mailer")).getLastExit().getMessage()).isEqualTo("******");
		assertThat(details(endpoint.worker(SecurityContext.NONE, "mailer")).getLastExit().getMessage()).isEqualTo("******");
	}

	@Test
	void refusesAMissingActionSayingWhatIsExpected() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> context.sleep(Duration.ofHours(1))).build());
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.control(SecurityContext.NONE, "poller", null))
			.withMessageContaining("{\"action\": \"restart\"}")
			.withMessageContaining("start, stop, restart");
	}

	@Test
	void echoesAtMost64CharactersOfAnUnknownAction() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> context.sleep(Duration.ofHours(1))).build());
		String huge = "x".repeat(1_000_000);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.control(SecurityContext.NONE, "poller", huge))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200)
				.contains("x".repeat(64) + "... (1000000 characters)"));
	}

	private static SecurityContext user(String role) {
		return new SecurityContext() {

			@Override
			public java.security.Principal getPrincipal() {
				return () -> "someone";
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

	@Test
	void returnsNullForAnUnknownWorker() {
		assertThat(this.endpoint.worker(SecurityContext.NONE, "nobody")).isNull();
	}

	@Test
	void showsAProcessWithItsPidExitCodeAndOutputByStream() {
		ProcessWorker process = new ProcessWorker(
				ProcessSpec.builder("redis", "sh", "-c", "echo ready; echo oops >&2; exit 3").build());
		this.supervisor.add(process.workerSpec().restart(RestartPolicy.NEVER).build());
		this.supervisor.start("redis");
		await().until(() -> this.supervisor.status("redis").state() == WorkerState.EXITED);

		assertThat(this.endpoint.workers(SecurityContext.NONE).getWorkers()).singleElement()
			.satisfies((worker) -> assertThat(worker.getType()).isEqualTo("process"));
		WorkerDetailsDescriptor redis = (WorkerDetailsDescriptor) this.endpoint.worker(SecurityContext.NONE, "redis");
		assertThat(redis.getType()).isEqualTo("process");
		assertThat(redis.getPid()).isEqualTo(process.snapshot().pid()).isNotNull();
		assertThat(redis.getExitCode()).isEqualTo(3);
		assertThat(redis.getSignal()).isNull();
		assertThat(redis.getOutput()).extracting(WorkerDetails.Line::stream, WorkerDetails.Line::text)
			.containsExactlyInAnyOrder(tuple("stdout", "ready"), tuple("stderr", "oops"));
	}

	@Test
	void startsStopsAndRestartsAWorker() throws InterruptedException {
		CountDownLatch secondRun = new CountDownLatch(2);
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> {
			secondRun.countDown();
			while (context.sleep(Duration.ofMinutes(1))) {
				// Runs until stopped.
			}
		}).autoStartup(false).build());
		assertThat(((WorkerDetailsDescriptor) this.endpoint.control(SecurityContext.NONE, "poller", "start")).getState()).isEqualTo("RUNNING");
		assertThat(((WorkerDetailsDescriptor) this.endpoint.control(SecurityContext.NONE, "poller", "RESTART")).getName()).isEqualTo("poller");
		assertThat(secondRun.await(10, TimeUnit.SECONDS)).as("the workers ran").isTrue();
		this.endpoint.control(SecurityContext.NONE, "poller", "stop");
		awaitState("poller", WorkerState.STOPPED);
		assertThat(this.supervisor.status("poller").history()).hasSize(2);
	}

	@Test
	void rejectsAnUnknownActionNamingTheAllowedOnes() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> {
		}).autoStartup(false).build());
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.control(SecurityContext.NONE, "poller", "explode"))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("Unknown action 'explode' for worker 'poller'; allowed actions: start, stop, restart"));
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void rejectsAnActionOnAnUnknownWorker() {
		assertThatExceptionOfType(NoSuchWorkerException.class)
			.isThrownBy(() -> this.endpoint.control(SecurityContext.NONE, "nobody", "start"));
	}

	@Test
	void listsGroupsAndTheGroupOfEachWorker() {
		this.supervisor.add(sleeper("fetcher"));
		this.supervisor.add(sleeper("parser"));
		this.supervisor.add(sleeper("loner"));
		this.supervisor.addGroup(GroupSpec.builder("pipeline")
			.members("fetcher", "parser")
			.strategy(GroupStrategy.REST_FOR_ONE)
			.build());

		WorkersDescriptor all = this.endpoint.workers(SecurityContext.NONE);

		assertThat(all.getGroups()).singleElement().satisfies((group) -> {
			assertThat(group.getName()).isEqualTo("pipeline");
			assertThat(group.getStrategy()).isEqualTo("rest-for-one");
			assertThat(group.getState()).isEqualTo("STOPPED");
			assertThat(group.getRestarts()).isZero();
			assertThat(group.getMembers()).containsExactly("fetcher", "parser");
			assertThat(group.getWaitingFor()).isNull();
		});
		assertThat(all.getWorkers()).extracting(WorkerDescriptor::getName, WorkerDescriptor::getGroup)
			.containsExactly(tuple("fetcher", "pipeline"), tuple("loner", null), tuple("parser", "pipeline"));
	}

	@Test
	void describesAGroupByItsName() {
		this.supervisor.add(sleeper("fetcher"));
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("fetcher").build());

		assertThat(this.endpoint.worker(SecurityContext.NONE, "pipeline")).isInstanceOfSatisfying(GroupDescriptor.class,
				(group) -> assertThat(group.getMembers()).containsExactly("fetcher"));
		assertThat(((WorkerDetailsDescriptor) this.endpoint.worker(SecurityContext.NONE, "fetcher")).getGroup()).isEqualTo("pipeline");
	}

	@Test
	void startsRestartsAndStopsAGroupByItsName() {
		this.supervisor.add(sleeper("fetcher"));
		this.supervisor.add(sleeper("parser"));
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("fetcher", "parser").build());

		this.endpoint.control(SecurityContext.NONE, "pipeline", "start");
		await().until(() -> this.supervisor.groupStatus("pipeline").state() == GroupState.RUNNING);
		this.endpoint.control(SecurityContext.NONE, "pipeline", "restart");
		await().until(() -> this.supervisor.groupStatus("pipeline").restarts() == 1
				&& this.supervisor.groupStatus("pipeline").state() == GroupState.RUNNING);
		GroupDescriptor stopping = (GroupDescriptor) this.endpoint.control(SecurityContext.NONE, "pipeline", "stop");

		assertThat(stopping.getName()).isEqualTo("pipeline");
		await().until(() -> this.supervisor.groupStatus("pipeline").state() == GroupState.STOPPED);
		assertThat(this.supervisor.status("fetcher").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.supervisor.status("parser").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void rejectsAnUnknownActionOnAGroupNamingTheGroup() {
		this.supervisor.add(sleeper("fetcher"));
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("fetcher").build());

		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.control(SecurityContext.NONE, "pipeline", "explode"))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("Unknown action 'explode' for group 'pipeline'; allowed actions: start, stop, restart"));
	}

	private static WorkerSpec sleeper(String name) {
		return WorkerSpec.builder(name, (context) -> context.sleep(Duration.ofDays(1))).autoStartup(false).build();
	}

	private static WorkerDetailsDescriptor details(@Nullable OperationResponseBody body) {
		return (WorkerDetailsDescriptor) body;
	}

	private void awaitState(String name, WorkerState state) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.supervisor.status(name).state()).isEqualTo(state));
	}

	private static WorkerSpec failingMailer() {
		return WorkerSpec.builder("mailer", (context) -> {
			throw new IOException("connection reset");
		}).backoff(Backoff.none()).maxRestarts(1).build();
	}


	@Test
	void showsWhetherASingletonLeadsHereAndLeavesLeaderOutForOtherWorkers() {
		this.supervisor.add(WorkerSpec.builder("elected", (context) -> context.sleep(Duration.ofMinutes(1)))
			.singleton(true)
			.build());
		this.supervisor.add(WorkerSpec.builder("waiting", (context) -> {
		}).singleton(true).build());
		this.supervisor.add(WorkerSpec.builder("plain", (context) -> {
		}).autoStartup(false).build());
		this.supervisor.start();
		this.supervisor.grantLeadership("elected",
				Lease.renewedAt(this.supervisor.scheduler(), Duration.ofMinutes(1), this.supervisor.scheduler().nanoTime()));
		awaitState("elected", WorkerState.RUNNING);

		assertThat(this.endpoint.workers(SecurityContext.NONE).getWorkers())
			.extracting(WorkerDescriptor::getName, WorkerDescriptor::getState, WorkerDescriptor::isSingleton,
					WorkerDescriptor::getLeader)
			.containsExactly(tuple("elected", "RUNNING", true, true), tuple("plain", "STOPPED", false, null),
					tuple("waiting", "STANDBY", true, false));
	}

	@Test
	void showsWhetherASingletonGroupLeadsHereAndLeavesLeaderOutForOtherGroups() {
		this.supervisor.add(sleeper("fetcher"));
		this.supervisor.add(sleeper("parser"));
		this.supervisor.addGroup(GroupSpec.builder("elected").members("fetcher").singleton(true).build());
		this.supervisor.addGroup(GroupSpec.builder("plain").members("parser").build());

		this.supervisor.grantLeadership("elected",
				Lease.renewedAt(this.supervisor.scheduler(), Duration.ofMinutes(1), this.supervisor.scheduler().nanoTime()));

		assertThat(this.endpoint.workers(SecurityContext.NONE).getGroups())
			.extracting(GroupDescriptor::getName, GroupDescriptor::isSingleton, GroupDescriptor::getLeader)
			.containsExactly(tuple("elected", true, true), tuple("plain", false, null));
		this.supervisor.revokeLeadership("elected");
		assertThat(((GroupDescriptor) this.endpoint.worker(SecurityContext.NONE, "elected")).getLeader()).isFalse();
	}

}
