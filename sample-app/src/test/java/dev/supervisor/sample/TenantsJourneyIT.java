package dev.supervisor.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker-table journey against the packaged jar over real HTTP: one worker per row of the
 * {@code tenant} table, listed by the endpoint; a row inserted from outside gets its worker within
 * one refresh, a deleted row's worker is stopped and removed; a refresh on demand; the table's
 * metrics.
 */
class TenantsJourneyIT {

	/** {@code supervisor.tables.tenants.refresh} in the sample's application.yml. */
	private static final Duration REFRESH = Duration.ofSeconds(2);

	/** Far more than one refresh, so a loaded machine cannot fail the test; the refresh is the promise. */
	private static final Duration PATIENCE = REFRESH.plusSeconds(28);

	@Test
	void aRowInsertedStartsItsWorkerAndADeletedRowStopsIt() throws Exception {
		try (SampleApp app = SampleApp.start()) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(app.workerNames()).contains("tenants-acme", "tenants-globex"));
			JsonNode tenants = app.json("/actuator/supervisor").get("tables").get(0);
			assertThat(tenants.get("name").asString()).isEqualTo("tenants");
			assertThat(tenants.get("keys").toString()).isEqualTo("[\"acme\",\"globex\"]");
			assertThat(app.worker("tenants-acme").get("table").asString()).isEqualTo("tenants");

			assertThat(app.send("PUT", "/tenants/initech").statusCode()).isEqualTo(204);
			await().atMost(PATIENCE).untilAsserted(
					() -> assertThat(app.worker("tenants-initech").get("state").asString()).isEqualTo("RUNNING"));

			assertThat(app.send("DELETE", "/tenants/globex").statusCode()).isEqualTo(204);
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(app.workerNames()).doesNotContain("tenants-globex"));
			assertThat(app.workerNames()).contains("tenants-acme", "tenants-initech");

			HttpResponse<String> refreshed = app.post("/actuator/supervisor/tenants", "{\"action\":\"refresh\"}");
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			assertThat(refreshed.body()).contains("\"name\":\"tenants\"");

			String exposition = app.get("/actuator/prometheus").body();
			assertThat(exposition).contains("supervisor_table_keys{table=\"tenants\"} 2.0",
					"supervisor_table_refreshes_total{outcome=\"success\",table=\"tenants\"}");
		}
	}

}
