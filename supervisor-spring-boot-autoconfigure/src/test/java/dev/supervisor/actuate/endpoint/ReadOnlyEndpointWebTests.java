package dev.supervisor.actuate.endpoint;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * The endpoint, health and Prometheus metrics over real HTTP, with the endpoint's default
 * (read-only) access.
 */
@DirtiesContext
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=supervisor,health,prometheus",
				"management.endpoint.health.show-details=always",
				"management.endpoint.health.group.readiness.include=readinessState,supervisor" })
class ReadOnlyEndpointWebTests {

	@LocalServerPort
	int port;

	@Autowired
	Supervisor supervisor;

	@Autowired
	MeterRegistry meterRegistry;

	Http http;

	@BeforeEach
	void awaitWorkers() {
		this.http = new Http(this.port);
		// The breach is the mailer's last event: once counted, listeners have heard everything.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.meterRegistry.get("supervisor.worker.restart.limit.breaches")
				.tag("worker", "mailer")
				.counter()
				.count()).isEqualTo(1);
			assertThat(this.meterRegistry.get("supervisor.worker.starts").tag("worker", "poller").counter().count())
				.isEqualTo(1);
			assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsTheWorkersInAStateWithHowManyMatched() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/supervisor?state=FATAL");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = Http.json(response);
		assertThat((List<Map<String, Object>>) body.get("workers")).extracting((worker) -> worker.get("name"))
			.containsExactly("mailer");
		assertThat(body).containsEntry("total", 1).doesNotContainKeys("page", "size", "groups", "tables");
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsOnePageOfTheWorkers() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/supervisor?page=1&size=1");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = Http.json(response);
		assertThat((List<Map<String, Object>>) body.get("workers")).extracting((worker) -> worker.get("name"))
			.containsExactly("poller");
		assertThat(body).containsEntry("total", 2).containsEntry("page", 1).containsEntry("size", 1);
	}

	@Test
	void answersABadFilterWith400NamingTheParameterTheValueAndWhatIsAllowed() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/supervisor?state=SLEEPY");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Http.json(response)).containsEntry("status", 400)
			.containsEntry("error", "Bad Request")
			.containsEntry("message", "Invalid value 'SLEEPY' for parameter 'state' (allowed: one or more of "
					+ "STARTING, RUNNING, BACKOFF, STOPPING, STOPPED, EXITED, FATAL, STANDBY, separated by commas)");
		HttpResponse<String> size = this.http.get("/actuator/supervisor?size=0");
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(Http.json(size)).containsEntry("message",
				"Invalid value '0' for parameter 'size' (allowed: a whole number from 1 to 10000)");
		HttpResponse<String> group = this.http.get("/actuator/supervisor?group=nope");
		assertThat(group.statusCode()).isEqualTo(400);
		assertThat(Http.json(group)).containsEntry("message",
				"Invalid value 'nope' for parameter 'group' (allowed: the name of a group; known groups: [])");
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsWorkers() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/supervisor");
		assertThat(response.statusCode()).isEqualTo(200);
		List<Map<String, Object>> workers = (List<Map<String, Object>>) Http.json(response).get("workers");
		assertThat(workers).extracting((worker) -> worker.get("name")).containsExactly("mailer", "poller");
		Map<String, Object> mailer = workers.get(0);
		assertThat(mailer).containsEntry("type", "worker")
			.containsEntry("state", "FATAL")
			.containsEntry("restarts", 1)
			.containsEntry("policy", "on-failure")
			.containsKey("startedAt")
			.doesNotContainKey("history");
		Map<String, Object> lastExit = (Map<String, Object>) mailer.get("lastExit");
		assertThat(lastExit).containsEntry("outcome", "failed")
			.containsEntry("exception", "java.io.IOException")
			.containsEntry("message", "******");
		assertThat((String) lastExit.get("at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(workers.get(1)).containsEntry("state", "RUNNING").doesNotContainKey("lastExit");
	}

	@Test
	@SuppressWarnings("unchecked")
	void showsOneWorkerWithItsHistory() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/supervisor/mailer");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> mailer = Http.json(response);
		assertThat(mailer).containsEntry("name", "mailer").doesNotContainKeys("pid", "exitCode", "output");
		List<Map<String, Object>> history = (List<Map<String, Object>>) mailer.get("history");
		assertThat(history).hasSize(2).allSatisfy((run) -> {
			assertThat(run).containsEntry("outcome", "failed").containsEntry("exception", "java.io.IOException");
			assertThat((String) run.get("duration")).matches("PT[0-9.]+S");
		});
	}

	@Test
	void answersNotFoundForAnUnknownWorker() throws Exception {
		assertThat(this.http.get("/actuator/supervisor/nobody").statusCode()).isEqualTo(404);
	}

	@Test
	void refusesWritesByDefault() throws Exception {
		HttpResponse<String> response = this.http.post("/actuator/supervisor/poller", "{\"action\":\"stop\"}");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
	}

	@Test
	void exposesMetersWithPrometheusNames() throws Exception {
		HttpResponse<String> response = this.http.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("supervisor_worker_starts_total{worker=\"mailer\"} 2.0",
				"supervisor_worker_stops_total{outcome=\"failed\",worker=\"mailer\"} 2.0",
				"supervisor_worker_panics_total{exception=\"java.io.IOException\",worker=\"mailer\"} 2.0",
				"supervisor_worker_restart_limit_breaches_total{worker=\"mailer\"} 1.0",
				// The run timer is the observation's: Spring Boot's meter handler adds an error tag.
				"supervisor_worker_run_seconds_count{error=\"IOException\",exception=\"java.io.IOException\","
						+ "outcome=\"failed\",worker=\"mailer\"} 2",
				"supervisor_worker_starts_total{worker=\"poller\"} 1.0", "supervisor_workers{state=\"FATAL\"} 1.0",
				"supervisor_workers{state=\"RUNNING\"} 1.0",
				"# HELP supervisor_worker_starts_total ");
	}

	@Test
	@SuppressWarnings("unchecked")
	void reportsHealthDownAndNotReadyWhenACriticalWorkerIsFatal() throws Exception {
		HttpResponse<String> health = this.http.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		Map<String, Object> supervisor = (Map<String, Object>) ((Map<String, Object>) Http.json(health)
			.get("components")).get("supervisor");
		assertThat(supervisor).containsEntry("status", "DOWN");
		assertThat((Map<String, Object>) supervisor.get("details"))
			.containsEntry("workers", Map.of("mailer", "FATAL", "poller", "RUNNING"))
			.containsEntry("fatalCriticalWorkers", List.of("mailer"));
		HttpResponse<String> readiness = this.http.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"supervisor\"");
	}

}
