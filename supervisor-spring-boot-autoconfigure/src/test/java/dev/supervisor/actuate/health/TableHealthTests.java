package dev.supervisor.actuate.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code supervisor} health and worker tables: a critical table whose key source keeps
 * failing turns it {@code DOWN}, a blip or a non-critical table does not.
 */
class TableHealthTests {

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SupervisorHealthIndicator indicator = new SupervisorHealthIndicator(this.supervisor);

	private final AtomicBoolean failing = new AtomicBoolean();

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void aCriticalTableWhoseSourceKeepsFailingTurnsHealthDown() {
		startTable(true);
		this.failing.set(true);

		failPasses(TableHealth.FAILING_AFTER - 1);
		assertThat(this.indicator.health().getStatus()).as("a blip is not an outage").isEqualTo(Status.UP);
		failPasses(1);

		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failingCriticalTables", List.of("tenants"));
		assertThat(health.getDetails()).containsEntry("tables", Map.of("tenants",
				Map.of("keys", 1, "critical", true, "consecutiveFailures", TableHealth.FAILING_AFTER, "lastError",
						"failure: java.lang.IllegalStateException")));

		this.failing.set(false);
		this.supervisor.refreshTable("tenants");
		await().untilAsserted(() -> assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP));
	}

	@Test
	void aTableThatIsNotCriticalNeverTurnsHealthDown() {
		startTable(false);
		this.failing.set(true);

		failPasses(TableHealth.FAILING_AFTER + 1);

		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("failingCriticalTables", List.of());
	}

	@Test
	void withoutTablesTheDetailsAreAsBefore() {
		this.supervisor.start();

		assertThat(this.indicator.health().getDetails()).containsOnlyKeys("workers", "fatalCriticalWorkers");
	}

	private void startTable(boolean critical) {
		this.supervisor.addTable(WorkerTable.builder("tenants", () -> {
			if (this.failing.get()) {
				throw new IllegalStateException("password=secret rejected");
			}
			return List.of("acme");
		}, (String key) -> (context) -> new CountDownLatch(1).await())
			.refresh(Duration.ofHours(1))
			.settings((spec) -> spec.critical(critical))
			.build());
		this.supervisor.start();
		await().untilAsserted(() -> assertThat(this.supervisor.tableStatus("tenants").lastRefresh()).isNotNull());
	}

	private void failPasses(int passes) {
		for (int i = 0; i < passes; i++) {
			int before = this.supervisor.tableStatus("tenants").consecutiveFailures();
			this.supervisor.refreshTable("tenants");
			await().untilAsserted(
					() -> assertThat(this.supervisor.tableStatus("tenants").consecutiveFailures()).isEqualTo(before + 1));
		}
	}

}
