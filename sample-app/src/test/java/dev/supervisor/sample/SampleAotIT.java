package dev.supervisor.sample;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample processed ahead of time ({@code spring-boot:process-aot} in the build) and
 * run on the JVM with the generated code ({@code -Dspring.aot.enabled=true}), as a native image
 * would run it: its workers, method workers included, run and its endpoint answers.
 */
class SampleAotIT {

	@Test
	void runsWorkersAndAnswersOnTheEndpointWhenProcessedAheadOfTime() throws Exception {
		try (SampleApp app = SampleApp.start(List.of("-Dspring.aot.enabled=true"))) {
			assertThat(app.log()).contains("Starting AOT-processed SampleApplication");
			assertThat(app.workerNames()).contains("flaky", "heartbeat", "importer", "poller", "ticker");
			await().untilAsserted(() -> {
				assertThat(app.worker("poller").get("state").asString()).isEqualTo("RUNNING");
				assertThat(app.worker("ticker").get("state").asString()).isEqualTo("RUNNING");
			});
			assertThat(app.post("/actuator/supervisor/poller", "{\"action\":\"restart\"}").statusCode()).isEqualTo(200);
			await().untilAsserted(() -> assertThat(app.worker("poller").get("restarts").asInt()).isPositive());
		}
	}

}
