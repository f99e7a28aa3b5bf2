package dev.supervisor.actuate.endpoint;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.supervisor.actuate.endpoint.WebTestApplication.Http;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes to the endpoint over real HTTP once access is unrestricted.
 */
@DirtiesContext
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=supervisor",
				"management.endpoint.supervisor.access=unrestricted" })
class UnrestrictedEndpointWebTests {

	@LocalServerPort
	int port;

	@Autowired
	Supervisor supervisor;

	@Autowired
	MeterRegistry meterRegistry;

	Http http;

	@BeforeEach
	void awaitPoller() {
		this.http = new Http(this.port);
		// Once the first start is counted, only a restart can count another.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
			assertThat(starts()).isPositive();
		});
	}

	@Test
	void restartsAWorker() throws Exception {
		double before = starts();
		HttpResponse<String> response = this.http.post("/actuator/supervisor/poller", "{\"action\":\"restart\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Http.json(response)).containsEntry("name", "poller").containsKey("history");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(starts()).isEqualTo(before + 1);
			assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
		});
		assertThat(this.supervisor.status("poller").lastExit().outcome().tagValue()).isEqualTo("stopped");
	}

	@Test
	void answersBadRequestForAnUnknownActionNamingTheAllowedOnes() throws Exception {
		HttpResponse<String> response = this.http.post("/actuator/supervisor/poller", "{\"action\":\"explode\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Http.json(response)).containsEntry("status", 400)
			.containsEntry("message", "Unknown action 'explode' for worker 'poller'; allowed actions: start, stop, restart");
	}

	@Test
	void answersNotFoundForAnUnknownWorker() throws Exception {
		HttpResponse<String> response = this.http.post("/actuator/supervisor/nobody", "{\"action\":\"start\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat((String) Http.json(response).get("message")).startsWith("Worker 'nobody' is not registered");
	}

	private double starts() {
		return this.meterRegistry.get("supervisor.worker.starts").tag("worker", "poller").counter().count();
	}

}
