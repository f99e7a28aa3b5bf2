package dev.supervisor.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkerDescriptor;
import dev.supervisor.actuate.endpoint.SupervisorEndpoint.WorkersDescriptor;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the filters and pages of {@link SupervisorEndpoint}'s list of workers: nested
 * groups, tables, prefixes, states together, and bad values naming the parameter.
 */
class SupervisorEndpointFilterTests {

	private static final Worker IDLE = (context) -> new CountDownLatch(1).await();

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SupervisorEndpoint endpoint = new SupervisorEndpoint(this.supervisor, WorkerDetailsResolver.standard(),
			Show.ALWAYS, Set.of());

	@BeforeEach
	void addWorkers() {
		this.supervisor.add(WorkerSpec.builder("extract", IDLE).build());
		this.supervisor.add(WorkerSpec.builder("load", IDLE).build());
		this.supervisor.add(WorkerSpec.builder("audit", IDLE).build());
		this.supervisor.add(WorkerSpec.builder("manual", IDLE).autoStartup(false).build());
		this.supervisor.addGroup(GroupSpec.builder("loading").members("load").build());
		this.supervisor.addGroup(GroupSpec.builder("pipeline").members("extract", "loading").build());
		this.supervisor.addTable(WorkerTable.builder("tenants", () -> List.of("acme", "globex"), (String key) -> IDLE)
			.refresh(Duration.ofHours(1))
			.build());
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.supervisor.stateCounts().get(WorkerState.RUNNING)).isEqualTo(5));
	}

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void withoutFiltersEveryWorkerIsListedAndNoTotalIsGiven() {
		WorkersDescriptor all = list(null, null, null, null, null, null);

		assertThat(names(all)).containsExactly("audit", "extract", "load", "manual", "tenants-acme", "tenants-globex");
		assertThat(all.getTotal()).isNull();
		assertThat(all.getPage()).isNull();
		assertThat(all.getSize()).isNull();
		assertThat(all.getGroups()).hasSize(2);
		assertThat(all.getTables()).hasSize(1);
	}

	@Test
	void aGroupListsItsWorkersAndThoseOfItsNestedGroups() {
		assertThat(names(list(null, "pipeline", null, null, null, null))).containsExactly("extract", "load");
		assertThat(names(list(null, "loading", null, null, null, null))).containsExactly("load");
	}

	@Test
	void aTableListsItsWorkers() {
		WorkersDescriptor tenants = list(null, null, "tenants", null, null, null);

		assertThat(names(tenants)).containsExactly("tenants-acme", "tenants-globex");
		assertThat(tenants.getTotal()).isEqualTo(2);
		assertThat(tenants.getGroups()).as("only workers when filtered").isNull();
		assertThat(tenants.getTables()).as("only workers when filtered").isNull();
	}

	@Test
	void statesAreCommaSeparatedAndCaseInsensitiveAndCombineWithAPrefix() {
		assertThat(names(list("stopped", null, null, null, null, null))).containsExactly("manual");
		assertThat(names(list("running, STOPPED", null, null, "tenants-", null, null)))
			.containsExactly("tenants-acme", "tenants-globex");
		assertThat(names(list("FATAL", null, null, null, null, null))).isEmpty();
	}

	@Test
	void pagesSliceTheMatchingWorkersInNameOrderAndTellTheTotal() {
		WorkersDescriptor second = list(null, null, null, null, "1", "4");

		assertThat(names(second)).containsExactly("tenants-acme", "tenants-globex");
		assertThat(second.getTotal()).isEqualTo(6);
		assertThat(second.getPage()).isEqualTo(1);
		assertThat(second.getSize()).isEqualTo(4);
		assertThat(names(list(null, null, null, null, "2", "4"))).isEmpty();
		WorkersDescriptor sizeOnly = list(null, null, null, null, null, "2");
		assertThat(names(sizeOnly)).containsExactly("audit", "extract");
		assertThat(sizeOnly.getPage()).isZero();
		assertThat(list(null, null, null, null, "0", null).getSize()).isEqualTo(WorkerQuery.DEFAULT_SIZE);
	}

	@Test
	void anUnknownStateNamesTheParameterTheValueAndTheStates() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> list("RUNNING,SLEEPY", null, null, null, null, null))
			.withMessage("Invalid value 'SLEEPY' for parameter 'state' (allowed: one or more of "
					+ "STARTING, RUNNING, BACKOFF, STOPPING, STOPPED, EXITED, FATAL, STANDBY, separated by commas)");
	}

	@Test
	void anUnknownGroupOrTableNamesTheKnownOnes() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> list(null, "nope", null, null, null, null))
			.withMessage("Invalid value 'nope' for parameter 'group' (allowed: the name of a group; "
					+ "known groups: [loading, pipeline])");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> list(null, null, "nope", null, null, null))
			.withMessage("Invalid value 'nope' for parameter 'table' (allowed: the name of a worker table; "
					+ "known tables: [tenants])");
	}

	@Test
	void aPageOrSizeThatIsNoNumberInRangeIsRefused() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> list(null, null, null, null, "-1", null))
			.withMessage("Invalid value '-1' for parameter 'page' (allowed: a whole number, 0 or more)");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> list(null, null, null, null, null, "lots"))
			.withMessage("Invalid value 'lots' for parameter 'size' (allowed: a whole number from 1 to 10000)");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> list(null, null, null, null, null, "10001"))
			.withMessageContaining("parameter 'size'");
	}

	private WorkersDescriptor list(String state, String group, String table, String prefix, String page, String size) {
		return this.endpoint.workers(SecurityContext.NONE, state, group, table, prefix, page, size);
	}

	private static List<String> names(WorkersDescriptor descriptor) {
		return descriptor.getWorkers().stream().map(WorkerDescriptor::getName).toList();
	}

}
