package dev.supervisor.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's journey against the packaged jar over real HTTP: find the dashboard, see every
 * worker, follow a run's trace id from its log lines to its span, steer workers,
 * watch an OS process come back after {@code kill -9}, read the metrics, and stop the
 * application with SIGTERM without leaving a child process behind.
 */
class SampleJourneyIT {

	/** {@code supervisor.shutdown-timeout} in the sample's application.yml. */
	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/** Spring Boot's log line with tracing: {@code [<trace id>-<span id>] <logger> : <message>}. */
	private static final Pattern POLLER_FIRST_LINE = Pattern.compile(
			"\\[([0-9a-f]{32})-[0-9a-f]{16}\\] dev\\.supervisor\\.sample\\.OrderPoller +: Polling for orders \\(attempt 0\\)");

	@Test
	void operatorSeesAndSteersWorkersAndSigtermLeavesNoChildBehind() throws Exception {
		try (SampleApp app = SampleApp.start()) {
			assertThat(app.workerNames()).contains("flaky", "heartbeat", "importer", "poller", "ticker");

			theDashboardIsServedAndToldWhereTheEndpointIs(app);
			String firstRunTrace = aWorkersLogLinesCarryTheTraceIdOfItsRun(app);
			restartingAWorkerRunsItAgain(app);
			theEndedRunIsASpanOfThatTrace(app, firstRunTrace);
			stoppingAndStartingAWorkerWorks(app);
			aProcessKilledFromOutsideIsRestarted(app);
			aNonCriticalFatalWorkerLeavesHealthUp(app);
			aGroupRestartsItsMembersInOrder(app);
			metricsAreExposedForPrometheus(app);
			sigtermStopsWithinTheShutdownTimeoutAndLeavesNoChild(app);
		}
	}

	private void theDashboardIsServedAndToldWhereTheEndpointIs(SampleApp app) throws Exception {
		assertThat(app.get("/").body()).contains("supervisor/");
		HttpResponse<String> page = app.get("/supervisor/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<script type=\"module\" src=\"dashboard.js\">");
		assertThat(app.get("/supervisor/dashboard.js").statusCode()).isEqualTo(200);
		JsonNode config = app.json("/supervisor/config");
		assertThat(config.get("endpoint").asString()).isEqualTo("/actuator/supervisor");
		assertThat(config.get("access").asString()).isEqualTo("unrestricted");
		assertThat(config.get("writable").asBoolean()).isTrue();
	}

	/** The poller's first log line, written inside its first run, carries that run's trace id. */
	private String aWorkersLogLinesCarryTheTraceIdOfItsRun(SampleApp app) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(POLLER_FIRST_LINE.matcher(app.log()).find()).as("log:%n%s", app.log())
				.isTrue());
		Matcher line = POLLER_FIRST_LINE.matcher(app.log());
		assertThat(line.find()).isTrue();
		return line.group(1);
	}

	/** The sample logs each span when it ends: restarting the poller ended its first run. */
	private void theEndedRunIsASpanOfThatTrace(SampleApp app, String traceId) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(app.log()).contains("'run poller' : " + traceId + " "));
	}

	private void restartingAWorkerRunsItAgain(SampleApp app) throws Exception {
		await().untilAsserted(() -> assertThat(state(app, "poller")).isEqualTo("RUNNING"));
		double starts = app.metric("supervisor_worker_starts_total", "poller");
		int restarts = app.worker("poller").get("restarts").asInt();

		assertThat(app.post("/actuator/supervisor/poller", "{\"action\":\"restart\"}").statusCode()).isBetween(200, 204);

		await().untilAsserted(() -> {
			assertThat(app.metric("supervisor_worker_starts_total", "poller")).isEqualTo(starts + 1);
			assertThat(state(app, "poller")).isEqualTo("RUNNING");
			assertThat(app.worker("poller").get("restarts").asInt()).isEqualTo(restarts + 1);
		});
	}

	private void aGroupRestartsItsMembersInOrder(SampleApp app) throws Exception {
		JsonNode groups = app.json("/actuator/supervisor").get("groups");
		assertThat(groups.toString()).contains("\"name\":\"pipeline\"", "\"strategy\":\"rest-for-one\"",
				"\"members\":[\"fetcher\",\"parser\",\"writer\"]",
				"\"members\":[\"consumer-1\",\"consumer-2\",\"consumer-3\"]");
		assertThat(app.worker("consumer-2").get("group").asString()).isEqualTo("consumer");
		await().untilAsserted(() -> assertThat(group(app, "pipeline").get("state").asString()).isEqualTo("RUNNING"));
		int restarts = group(app, "pipeline").get("restarts").asInt();

		assertThat(app.post("/actuator/supervisor/pipeline", "{\"action\":\"restart\"}").statusCode())
			.isBetween(200, 204);

		await().untilAsserted(() -> {
			JsonNode pipeline = group(app, "pipeline");
			assertThat(pipeline.get("restarts").asInt()).isGreaterThan(restarts);
			assertThat(pipeline.get("state").asString()).isEqualTo("RUNNING");
		});
		assertThat(app.get("/actuator/prometheus").body())
			.contains("supervisor_group_restarts_total{group=\"pipeline\",strategy=\"rest-for-one\"");
	}

	private static JsonNode group(SampleApp app, String name) throws Exception {
		return app.json("/actuator/supervisor/" + name);
	}

	private void stoppingAndStartingAWorkerWorks(SampleApp app) throws Exception {
		assertThat(app.post("/actuator/supervisor/heartbeat", "{\"action\":\"stop\"}").statusCode()).isBetween(200, 204);
		await().untilAsserted(() -> assertThat(state(app, "heartbeat")).isEqualTo("STOPPED"));
		assertThat(app.worker("heartbeat").get("lastExit").get("outcome").asString()).isEqualTo("stopped");

		assertThat(app.post("/actuator/supervisor/heartbeat", "{\"action\":\"start\"}").statusCode()).isBetween(200, 204);
		await().untilAsserted(() -> assertThat(state(app, "heartbeat")).isEqualTo("RUNNING"));
	}

	private void aProcessKilledFromOutsideIsRestarted(SampleApp app) throws Exception {
		// A process being started has no pid yet, and its worker is RUNNING meanwhile.
		await().untilAsserted(() -> {
			assertThat(state(app, "ticker")).isEqualTo("RUNNING");
			assertThat(app.worker("ticker").get("pid")).as("pid of the process").isNotNull();
		});
		JsonNode ticker = app.worker("ticker");
		assertThat(ticker.get("type").asString()).isEqualTo("process");
		long pid = ticker.get("pid").asLong();
		ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();

		handle.destroyForcibly();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode restarted = app.worker("ticker");
			assertThat(restarted.get("state").asString()).isEqualTo("RUNNING");
			assertThat(restarted.get("pid")).as("pid of the restarted process").isNotNull();
			assertThat(restarted.get("pid").asLong()).isNotEqualTo(pid);
			assertThat(restarted.get("restarts").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(restarted.get("lastExit").get("outcome").asString()).isEqualTo("failed");
		});
		assertThat(handle.isAlive()).isFalse();
		await().untilAsserted(() -> assertThat(app.worker("ticker").get("output").toString()).contains("tick"));
	}

	private void aNonCriticalFatalWorkerLeavesHealthUp(SampleApp app) throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(state(app, "importer")).isEqualTo("FATAL"));
		JsonNode health = app.json("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
	}

	private void metricsAreExposedForPrometheus(SampleApp app) throws Exception {
		String exposition = app.get("/actuator/prometheus").body();
		assertThat(exposition).contains("supervisor_worker_starts_total{", "supervisor_worker_stops_total{",
				"supervisor_worker_panics_total{", "supervisor_worker_restart_limit_breaches_total{",
				"supervisor_worker_run_seconds_count{", "supervisor_workers{");
		assertThat(app.metric("supervisor_worker_restart_limit_breaches_total", "importer")).isEqualTo(1.0);
	}

	private void sigtermStopsWithinTheShutdownTimeoutAndLeavesNoChild(SampleApp app) throws Exception {
		List<ProcessHandle> children = app.process().descendants().toList();
		assertThat(children).as("the supervised OS process and its children").isNotEmpty();

		app.process().destroy();

		assertThat(app.process().waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("exited within the shutdown timeout; log:%n%s", app.log())
			.isTrue();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
	}

	private static String state(SampleApp app, String worker) throws Exception {
		return app.worker(worker).get("state").asString();
	}

}
