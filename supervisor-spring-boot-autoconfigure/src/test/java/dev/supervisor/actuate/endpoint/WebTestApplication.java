package dev.supervisor.actuate.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Worker;

/**
 * An application with two workers for tests over real HTTP, declared as a user would: the
 * {@code poller} runs until stopped; the {@code mailer} always fails, is given up after one
 * immediate restart (see {@code web-test-application.properties}), and is critical.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@PropertySource("classpath:web-test-application.properties")
class WebTestApplication {

	@Bean
	@Supervised("poller")
	Worker poller() {
		return (context) -> {
			while (context.sleep(Duration.ofMinutes(1))) {
				// Runs until stopped.
			}
		};
	}

	@Bean
	@Supervised("mailer")
	Worker mailer() {
		return (context) -> {
			throw new IOException("connection reset");
		};
	}

	/**
	 * Plain HTTP against the running server.
	 */
	record Http(int port) {

		private static final HttpClient client = HttpClient.newHttpClient();

		private static final JsonMapper json = JsonMapper.builder().build();

		HttpResponse<String> get(String path) throws Exception {
			return send(HttpRequest.newBuilder(uri(path)).GET().build());
		}

		HttpResponse<String> post(String path, String body) throws Exception {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
		}

		@SuppressWarnings("unchecked")
		static Map<String, Object> json(HttpResponse<String> response) {
			return json.readValue(response.body(), Map.class);
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + this.port + path);
		}

		private HttpResponse<String> send(HttpRequest request) throws Exception {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}

	}

}
