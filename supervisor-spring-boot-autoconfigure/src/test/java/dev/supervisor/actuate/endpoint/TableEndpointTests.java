package dev.supervisor.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkerDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkerDetailsDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpointWebExtension.ErrorDescriptor;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The {@code supervisor} endpoint and worker tables: the {@code tables} list, the {@code table}
 * of each worker, and the {@code refresh} action.
 */
class TableEndpointTests {

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SupervisorEndpoint endpoint = new SupervisorEndpoint(this.supervisor, WorkerDetailsResolver.standard(),
			Show.ALWAYS, Set.of());

	private final SupervisorEndpointWebExtension web = new SupervisorEndpointWebExtension(this.endpoint, this.supervisor);

	private final List<String> keys = new CopyOnWriteArrayList<>(List.of("acme"));

	private final AtomicBoolean failing = new AtomicBoolean();

	@BeforeEach
	void startTenants() {
		this.supervisor.add(WorkerSpec.builder("poller", (context) -> new CountDownLatch(1).await()).build());
		this.supervisor.addTable(WorkerTable.builder("tenants", () -> {
			if (this.failing.get()) {
				throw new IllegalStateException("database unavailable");
			}
			return this.keys;
		}, (String key) -> (context) -> new CountDownLatch(1).await()).refresh(Duration.ofHours(1)).build());
		this.supervisor.start();
		await().untilAsserted(() -> assertThat(this.supervisor.tableStatus("tenants").lastRefresh()).isNotNull());
	}

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void listsTheTablesAndTheTableOfEachWorker() {
		SupervisorEndpoint.WorkersDescriptor all = this.endpoint.workers(SecurityContext.NONE);

		assertThat(all.getWorkers()).extracting(WorkerDescriptor::getName, WorkerDescriptor::getTable)
			.containsExactly(tuple("poller", null),
					tuple("tenants-acme", "tenants"));
		assertThat(all.getTables()).singleElement().satisfies((table) -> {
			assertThat(table.getName()).isEqualTo("tenants");
			assertThat(table.getKeys()).containsExactly("acme");
			assertThat(table.getRefresh()).isEqualTo(Duration.ofHours(1));
			assertThat(table.getReadTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(table.isCritical()).isTrue();
			assertThat(table.getLastRefresh()).isNotNull();
			assertThat(table.getLastError()).isNull();
			assertThat(table.getConsecutiveFailures()).isZero();
		});
	}

	@Test
	void refreshReadsTheKeySourceNow() {
		this.keys.add("globex");

		WebEndpointResponse<?> response = this.web.control(SecurityContext.NONE, "tenants", "refresh");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isInstanceOf(TableDescriptor.class);
		await().untilAsserted(() -> assertThat(this.supervisor.contains("tenants-globex")).isTrue());
		assertThat(((WorkerDetailsDescriptor) this.endpoint.worker(SecurityContext.NONE, "tenants-globex")).getTable()).isEqualTo("tenants");
	}

	@Test
	void aFailingKeySourceShowsItsLastError() {
		this.failing.set(true);
		this.web.control(SecurityContext.NONE, "tenants", "refresh");

		await().untilAsserted(() -> assertThat(this.supervisor.tableStatus("tenants").consecutiveFailures()).isEqualTo(1));

		TableDescriptor.ErrorDescriptor error = this.endpoint.workers(SecurityContext.NONE).getTables().get(0).getLastError();
		assertThat(error.getOutcome()).isEqualTo("failure");
		assertThat(error.getType()).isEqualTo("java.lang.IllegalStateException");
		assertThat(error.getMessage())
			.isEqualTo("Worker table 'tenants' could not read its keys (IllegalStateException: database unavailable)");
		assertThat(this.endpoint.workers(SecurityContext.NONE).getTables().get(0).getKeys()).containsExactly("acme");
	}

	@Test
	void theMessageOfAKeySourceErrorIsHiddenUnlessValuesAreShown() {
		this.failing.set(true);
		this.web.control(SecurityContext.NONE, "tenants", "refresh");
		await().untilAsserted(() -> assertThat(this.supervisor.tableStatus("tenants").consecutiveFailures()).isEqualTo(1));

		SupervisorEndpoint hiding = new SupervisorEndpoint(this.supervisor);

		TableDescriptor.ErrorDescriptor error = hiding.workers(SecurityContext.NONE).getTables().get(0).getLastError();
		assertThat(error.getMessage()).isEqualTo("******");
		assertThat(error.getType()).isEqualTo("java.lang.IllegalStateException");
	}

	@Test
	void readingATableByItsNameAnswersTheTable() {
		WebEndpointResponse<?> response = this.web.worker(SecurityContext.NONE, "tenants");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isInstanceOfSatisfying(TableDescriptor.class,
				(table) -> assertThat(table.getKeys()).containsExactly("acme"));
	}

	@Test
	void anActionOtherThanRefreshOnATableIsABadRequestNamingRefresh() {
		WebEndpointResponse<?> response = this.web.control(SecurityContext.NONE, "tenants", "restart");

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ErrorDescriptor) response.getBody()).getMessage())
			.isEqualTo("Unknown action 'restart' for worker table 'tenants'; allowed actions: refresh");
	}

	@Test
	void aWorkerOfATableIsStillSteeredByItsOwnName() {
		WebEndpointResponse<?> response = this.web.control(SecurityContext.NONE, "tenants-acme", "stop");

		assertThat(response.getStatus()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(((WorkerDetailsDescriptor) this.endpoint.worker(SecurityContext.NONE, "tenants-acme")).getState()).isEqualTo("STOPPED"));
	}

}
