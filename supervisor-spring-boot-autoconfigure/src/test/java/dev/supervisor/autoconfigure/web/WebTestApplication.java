package dev.supervisor.autoconfigure.web;

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
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;

/**
 * An application with two workers for tests over real HTTP: {@code poller} runs until
 * stopped; {@code mailer} always fails and is given up after one restart, and is critical.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WebTestApplication {

	@Bean(destroyMethod = "shutdown")
	Supervisor supervisor() {
		Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();
		supervisor.add(WorkerSpec.builder("poller", (context) -> {
			while (context.sleep(Duration.ofMinutes(1))) {
				// Runs until stopped.
			}
		}).build());
		supervisor.add(WorkerSpec.builder("mailer", (context) -> {
			throw new IOException("connection reset");
		}).backoff(Backoff.none()).maxRestarts(1).build());
		return supervisor;
	}

	/**
	 * Starts the workers once the context is refreshed, as the application's lifecycle does, so
	 * meters are bound before the first run.
	 */
	@Bean
	SmartLifecycle supervisorStarter(Supervisor supervisor) {
		return new SmartLifecycle() {

			@Override
			public void start() {
				supervisor.start();
			}

			@Override
			public void stop() {
				supervisor.shutdown();
			}

			@Override
			public boolean isRunning() {
				return supervisor.isRunning();
			}

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
