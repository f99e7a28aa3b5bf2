package dev.supervisor.actuate.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes that a page of another site could send without a CORS preflight (an HTML form, a
 * plain-text body) are refused even with unrestricted access, and no other origin is allowed.
 */
@DirtiesContext
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=supervisor",
				"management.endpoint.supervisor.access=unrestricted" })
class CrossSiteWriteWebTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Supervisor supervisor;

	@BeforeEach
	void awaitPoller() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.supervisor.status("poller").state() == WorkerState.RUNNING);
	}

	@Test
	void refusesAFormBody() throws Exception {
		assertRefused("application/x-www-form-urlencoded", "action=restart");
		assertRefused("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nrestart\r\n--x--\r\n");
	}

	@Test
	void refusesAPlainTextBodyThatLooksLikeJson() throws Exception {
		assertRefused("text/plain", "{\"action\":\"restart\"}");
	}

	@Test
	void allowsNoOtherOrigin() throws Exception {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(poller())
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://attacker.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type"));
		// Without these headers a browser never sends the JSON write that follows the preflight.
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
	}

	private void assertRefused(String contentType, String body) throws Exception {
		int restarts = this.supervisor.status("poller").restarts();
		HttpResponse<String> response = send(HttpRequest.newBuilder(poller())
			.header("Content-Type", contentType)
			.header("Origin", "https://attacker.example")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(this.supervisor.status("poller").restarts()).isEqualTo(restarts);
	}

	private URI poller() {
		return URI.create("http://localhost:" + this.port + "/actuator/supervisor/poller");
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
