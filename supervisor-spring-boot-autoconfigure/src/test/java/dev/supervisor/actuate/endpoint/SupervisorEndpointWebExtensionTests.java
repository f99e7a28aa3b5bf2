package dev.supervisor.actuate.endpoint;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.supervisor.actuate.endpoint.SupervisorEndpointWebExtension.ErrorDescriptor;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorEndpointWebExtension}: every error answers with a status and a
 * JSON body that says what was wrong.
 */
class SupervisorEndpointWebExtensionTests {

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	private final SupervisorEndpointWebExtension extension = new SupervisorEndpointWebExtension(
			new SupervisorEndpoint(this.supervisor), this.supervisor);

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void answersAnUnknownWorkerOnGetWithNotFoundListingTheKnownOnes() {
		this.supervisor.add(idle("poller"));
		this.supervisor.add(idle("mailer"));
		WebEndpointResponse<OperationResponseBody> response = this.extension.worker(SecurityContext.NONE, "nobody");
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(message(response)).isEqualTo("Worker 'nobody' is not registered; known workers: [mailer, poller]");
	}

	@Test
	void answersAKnownWorkerOnGet() {
		this.supervisor.add(idle("poller"));
		WebEndpointResponse<OperationResponseBody> response = this.extension.worker(SecurityContext.NONE, "poller");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isInstanceOf(SupervisorEndpoint.WorkerDetailsDescriptor.class);
	}

	@Test
	void answersAWriteAfterShutdownWithConflict() {
		this.supervisor.add(idle("poller"));
		this.supervisor.start();
		this.supervisor.shutdown();
		WebEndpointResponse<OperationResponseBody> response = this.extension.control(SecurityContext.NONE, "poller",
				"restart");
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(message(response)).isEqualTo("Cannot restart worker 'poller': the supervisor is not running");
	}

	@Test
	void answersAMissingActionWithBadRequest() {
		this.supervisor.add(idle("poller"));
		WebEndpointResponse<OperationResponseBody> response = this.extension.control(SecurityContext.NONE, "poller",
				null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("{\"action\": \"restart\"}");
	}

	@Test
	void echoesAtMost64CharactersOfAnUnknownName() {
		String huge = "n".repeat(100_000);
		WebEndpointResponse<OperationResponseBody> response = this.extension.control(SecurityContext.NONE, huge,
				"start");
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(message(response)).hasSizeLessThan(200).contains("n".repeat(64) + "... (100000 characters)");
	}

	private static String message(WebEndpointResponse<OperationResponseBody> response) {
		return ((ErrorDescriptor) response.getBody()).getMessage();
	}

	private static WorkerSpec idle(String name) {
		return WorkerSpec.builder(name, (context) -> context.sleep(Duration.ofHours(1))).autoStartup(false).build();
	}

}
