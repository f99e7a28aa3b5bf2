package dev.supervisor.actuate.endpoint;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.supervisor.actuate.endpoint.WebTestApplication.Http;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an application shows over HTTP when it configures nothing but health details: only
 * {@code health}, whose details carry each worker's state and never a run's exception.
 */
@DirtiesContext
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.health.show-details=always")
class DefaultExposureWebTests {

	@LocalServerPort
	int port;

	@Autowired
	Supervisor supervisor;

	Http http;

	@BeforeEach
	void awaitMailerGivenUp() {
		this.http = new Http(this.port);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.supervisor.status("mailer").state() == WorkerState.FATAL);
	}

	@Test
	void exposesOnlyHealthByDefault() throws Exception {
		assertThat(this.http.get("/actuator/supervisor").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/actuator/supervisor/poller").statusCode()).isEqualTo(404);
		HttpResponse<String> links = this.http.get("/actuator");
		assertThat(links.statusCode()).isEqualTo(200);
		assertThat(links.body()).contains("/actuator/health").doesNotContain("supervisor");
	}

	@Test
	void healthDetailsCarryStatesButNoExceptionOrMessage() throws Exception {
		HttpResponse<String> health = this.http.get("/actuator/health");
		assertThat(health.body()).contains("\"mailer\"").contains("FATAL");
		assertThat(this.supervisor.status("mailer").lastExit().message()).isEqualTo("connection reset");
		assertThat(health.body()).doesNotContain("connection reset").doesNotContain("IOException");
	}

}
