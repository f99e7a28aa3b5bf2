package dev.supervisor.core;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.process.ProcessSpec;
import dev.supervisor.core.table.NoSuchTableException;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A name that is missing ({@code null}) or blank is refused by the engine's own API with a
 * message saying so, never with a {@link NullPointerException}.
 */
class MissingNameTest {

	private static final Worker NOTHING = (context) -> {
	};

	private final SupervisorFixture fixture = new SupervisorFixture();

	@AfterEach
	void shutDown() {
		this.fixture.close();
	}

	@Test
	void workerBuilderRefusesANullNameAtOnce() {
		InvalidSettingException ex = refused(() -> WorkerSpec.builder(null, NOTHING));
		assertThat(ex).hasMessageStartingWith("Invalid worker name: null, a worker needs a name (allowed: 1 to 128");
		assertThat(ex.getSetting()).isEqualTo("name");
		assertThat(ex.getValue()).isNull();
	}

	@Test
	void workerBuilderRefusesABlankNameAtOnce() {
		InvalidSettingException ex = refused(() -> WorkerSpec.builder("  ", NOTHING));
		assertThat(ex).hasMessageStartingWith("Invalid worker name: '  ' (allowed: ");
		assertThat(ex.getValue()).isEqualTo("  ");
	}

	@Test
	void groupProcessAndTableBuildersRefuseANullName() {
		assertThat(refused(() -> GroupSpec.builder(null))).hasMessageStartingWith(
				"Invalid group name: null, a group needs a name (allowed: ");
		assertThat(refused(() -> ProcessSpec.builder(null, "sh"))).hasMessageStartingWith(
				"Invalid process name: null, a process needs a name (allowed: ");
		assertThat(refused(() -> WorkerTable.builder(null, List::of, (key) -> NOTHING))).hasMessageStartingWith(
				"Invalid worker table name: null, a worker table needs a name (allowed: ");
		assertThat(refused(() -> GroupSpec.builder(""))).hasMessageStartingWith("Invalid group name: '' (allowed: ");
	}

	@Test
	void lookingUpNoNameSaysNoNameWasGiven() {
		Supervisor supervisor = this.fixture.supervisor;
		supervisor.add(WorkerSpec.builder("mailer", NOTHING).build());
		assertThat(supervisor.contains(null)).isFalse();
		assertThat(supervisor.containsGroup(null)).isFalse();
		assertThat(supervisor.groupOf(null)).isNull();
		for (Executable lookup : List.<Executable>of(() -> supervisor.status(null), () -> supervisor.start(null),
				() -> supervisor.stop(null), () -> supervisor.restart(null), () -> supervisor.remove(null),
				() -> supervisor.groupStatus(null))) {
			assertThatExceptionOfType(NoSuchWorkerException.class).isThrownBy(lookup::execute)
				.withMessageStartingWith("No worker name was given (null); known workers: ");
		}
		assertThatExceptionOfType(NoSuchTableException.class).isThrownBy(() -> supervisor.tableStatus(null))
			.withMessage("No worker table name was given (null); known tables: []");
	}

	private static InvalidSettingException refused(Runnable builder) {
		try {
			builder.run();
		}
		catch (InvalidSettingException ex) {
			return ex;
		}
		throw new AssertionError("The name was accepted");
	}

}
