package dev.supervisor.sample.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Process arguments and environment values never leave the application: not through the
 * {@code supervisor} endpoint, health, Boot's {@code configprops} and {@code env} endpoints,
 * nor the logs, even for the users allowed to see everything the endpoints show.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=secured-application",
				"management.endpoints.web.exposure.include=health,supervisor,configprops,env",
				"management.endpoint.health.show-details=always",
				// Messages and output are shown to whoever may read: arguments still never are.
				"management.endpoint.supervisor.show-values=always",
				"supervisor.processes.leaky.auto-startup=false", "supervisor.processes.leaky.restart=always", "supervisor.processes.leaky.max-restarts=1",
				"supervisor.processes.leaky.backoff.initial=0s", "supervisor.processes.leaky.critical=false",
				"supervisor.processes.keeper.command=sh,-c,exec sleep 1000,--token=" + SecretsStayHiddenTests.ARGUMENT,
				"supervisor.processes.keeper.environment.API_TOKEN=" + SecretsStayHiddenTests.ENVIRONMENT_VALUE })
class SecretsStayHiddenTests {

	static final String ARGUMENT = "argument-hunter2";

	static final String ENVIRONMENT_VALUE = "environment-hunter2";

	/** The program of the failing process: present when start-up checks it, deleted before it runs. */
	private static Path tool;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void leakyCommand(DynamicPropertyRegistry registry) throws IOException {
		tool = Files.createTempFile("tool", ".sh");
		Files.writeString(tool, "#!/bin/sh\n");
		assertThat(tool.toFile().setExecutable(true)).isTrue();
		registry.add("supervisor.processes.leaky.command", () -> tool + ",--password=" + ARGUMENT);
	}

	@Autowired
	Supervisor supervisor;

	@Test
	void neitherArgumentsNorEnvironmentValuesLeaveThroughEndpointsOrLogs(CapturedOutput output) throws Exception {
		Files.delete(tool);
		this.supervisor.start("leaky");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.supervisor.status("leaky").state() == WorkerState.FATAL
				&& this.supervisor.status("keeper").state() == WorkerState.RUNNING);
		String actuator = "http://localhost:" + this.port + "/actuator";
		String all = RecipeClient.as("operator").read(actuator + "/supervisor");
		String leaky = RecipeClient.as("operator").read(actuator + "/supervisor/leaky");
		String keeper = RecipeClient.as("operator").read(actuator + "/supervisor/keeper");
		String health = RecipeClient.as("operator").read(actuator + "/health");
		String configprops = RecipeClient.as("admin").read(actuator + "/configprops");
		String env = RecipeClient.as("admin").read(actuator + "/env");
		assertThat(leaky).contains("could not start program '" + tool + "'");
		assertThat(configprops).contains("supervisor.processes").contains("API_TOKEN");
		for (String shown : List.of(all, leaky, keeper, health, configprops, env, output.toString())) {
			assertThat(shown).doesNotContain(ARGUMENT).doesNotContain(ENVIRONMENT_VALUE);
		}
		assertThat(output).contains("Started process 'keeper'").contains("Process 'leaky' could not start program");
	}

}
