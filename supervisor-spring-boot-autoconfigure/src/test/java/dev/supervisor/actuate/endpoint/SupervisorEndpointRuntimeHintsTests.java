package dev.supervisor.actuate.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorEndpointRuntimeHints}: every answer of the endpoint can be
 * written as JSON in a native image.
 */
class SupervisorEndpointRuntimeHintsTests {

	@Test
	void registersTheGettersOfEveryDescriptor() {
		RuntimeHints hints = new RuntimeHints();
		new SupervisorEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SupervisorEndpoint.WorkersDescriptor.class, "getWorkers"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SupervisorEndpoint.WorkerDescriptor.class, "getLastExit"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SupervisorEndpoint.WorkerDetailsDescriptor.class, "getHistory"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SupervisorEndpoint.RunDescriptor.class, "getDuration"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WorkerDetails.Line.class, "text")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(SupervisorEndpointWebExtension.ErrorDescriptor.class, "getMessage")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SupervisorEndpoint.GroupDescriptor.class, "getMembers"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TableDescriptor.class, "getKeys")).accepts(hints);
	}

}
