package dev.supervisor.actuate.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorHealthIndicator}.
 */
class SupervisorHealthIndicatorTests {

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SupervisorHealthIndicator indicator = new SupervisorHealthIndicator(this.supervisor);

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void isUpWithoutWorkers() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isDownWhenACriticalWorkerIsFatal() {
		this.supervisor.add(failing("mailer", true));
		this.supervisor.add(idle("poller"));
		this.supervisor.start();
		awaitFatal("mailer");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("workers",
				Map.of("mailer", WorkerState.FATAL, "poller", WorkerState.STOPPED));
		assertThat(health.getDetails()).containsEntry("fatalCriticalWorkers", List.of("mailer"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsEveryWorkersStateInNameOrder() {
		this.supervisor.add(idle("poller"));
		this.supervisor.add(idle("archiver"));
		this.supervisor.add(idle("mailer"));
		Map<String, WorkerState> workers = (Map<String, WorkerState>) this.indicator.health()
			.getDetails()
			.get("workers");
		assertThat(workers).containsExactly(Map.entry("archiver", WorkerState.STOPPED),
				Map.entry("mailer", WorkerState.STOPPED), Map.entry("poller", WorkerState.STOPPED));
	}

	@Test
	void staysUpWhenANonCriticalWorkerIsFatal() {
		this.supervisor.add(failing("reporter", false));
		this.supervisor.start();
		awaitFatal("reporter");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("workers", Map.of("reporter", WorkerState.FATAL));
		assertThat(health.getDetails()).containsEntry("fatalCriticalWorkers", List.of());
	}

	@Test
	void isDownWhenACriticalGroupIsFatal() {
		this.supervisor.add(failing("fetcher", false));
		this.supervisor.add(sleeping("writer", false));
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("fetcher", "writer").maxRestarts(0).build());
		this.supervisor.start();
		awaitGroupFatal("pipeline");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("groups", Map.of("pipeline", GroupState.FATAL));
		assertThat(health.getDetails()).containsEntry("fatalCriticalGroups", List.of("pipeline"));
		assertThat(health.getDetails()).containsEntry("fatalCriticalWorkers", List.of());
	}

	@Test
	void staysUpWhenANonCriticalGroupGaveUpItsCriticalMembers() {
		this.supervisor.add(failing("fetcher", true));
		this.supervisor.add(sleeping("writer", true));
		this.supervisor.addGroup(
				GroupSpec.builder("pipeline").members("fetcher", "writer").maxRestarts(0).critical(false).build());
		this.supervisor.start();
		awaitGroupFatal("pipeline");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.supervisor.status("writer").state()).isEqualTo(WorkerState.FATAL));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("fatalCriticalGroups", List.of());
	}

	@Test
	void leavesGroupDetailsOutWithoutGroups() {
		this.supervisor.add(idle("poller"));
		assertThat(this.indicator.health().getDetails()).doesNotContainKeys("groups", "fatalCriticalGroups");
	}

	private void awaitGroupFatal(String name) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.supervisor.groupStatus(name).state()).isEqualTo(GroupState.FATAL));
	}

	private static WorkerSpec sleeping(String name, boolean critical) {
		return WorkerSpec.builder(name, (context) -> context.sleep(Duration.ofDays(1))).critical(critical).build();
	}

	private void awaitFatal(String name) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.supervisor.status(name).state()).isEqualTo(WorkerState.FATAL));
	}

	private static WorkerSpec failing(String name, boolean critical) {
		return WorkerSpec.builder(name, (context) -> {
			throw new IllegalStateException("boom");
		}).backoff(Backoff.none()).maxRestarts(1).critical(critical).build();
	}

	private static WorkerSpec idle(String name) {
		return WorkerSpec.builder(name, (context) -> {
		}).autoStartup(false).build();
	}


	@Test
	void countsASingletonInStandbyAsUp() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> {
		}).singleton(true).build());
		this.supervisor.start();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("workers", Map.of("poller", WorkerState.STANDBY));
	}

}
