package dev.supervisor.sample.security;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the documented security recipe promises, over real HTTP, wherever the actuator lives:
 * everyone authenticated reads the {@code supervisor} endpoint, only operators write to it,
 * anonymous clients get 401, health stays open, and other endpoints need {@code ACTUATOR}.
 */
abstract class SecurityRecipeContract {

	private static final String RESTART = "{\"action\":\"restart\"}";

	@Autowired
	Supervisor supervisor;

	/** The actuator's base URL, such as {@code http://localhost:8081/actuator}. */
	abstract String actuator();

	@BeforeEach
	void awaitPoller() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.supervisor.status("poller").state() == WorkerState.RUNNING);
	}

	@Test
	void healthIsOpenToAnonymousClients() throws Exception {
		assertThat(RecipeClient.anonymous().get(actuator() + "/health")).isEqualTo(200);
	}

	@Test
	void anonymousClientsCannotRead() throws Exception {
		assertThat(RecipeClient.anonymous().get(actuator() + "/supervisor")).isEqualTo(401);
		assertThat(RecipeClient.anonymous().get(actuator() + "/supervisor/poller")).isEqualTo(401);
	}

	@Test
	void anonymousClientsCannotWrite() throws Exception {
		int before = restarts();
		assertThat(RecipeClient.anonymous().postWithCsrfToken(poller(), actuator() + "/health", RESTART))
			.isEqualTo(401);
		assertThat(restarts()).isEqualTo(before);
	}

	@Test
	void viewersRead() throws Exception {
		assertThat(RecipeClient.as("viewer").get(actuator() + "/supervisor")).isEqualTo(200);
		assertThat(RecipeClient.as("viewer").get(poller())).isEqualTo(200);
	}

	@Test
	void viewersCannotWrite() throws Exception {
		int before = restarts();
		assertThat(RecipeClient.as("viewer").postWithCsrfToken(poller(), actuator() + "/health", RESTART))
			.isEqualTo(403);
		assertThat(restarts()).isEqualTo(before);
	}

	@Test
	void operatorsWrite() throws Exception {
		int before = restarts();
		assertThat(RecipeClient.as("operator").postWithCsrfToken(poller(), actuator() + "/health", RESTART))
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(restarts()).isEqualTo(before + 1));
	}

	@Test
	void writesWithoutTheCsrfTokenAreRefused() throws Exception {
		int before = restarts();
		assertThat(RecipeClient.as("operator").postWithoutCsrfToken(poller(), RESTART)).isEqualTo(403);
		assertThat(restarts()).isEqualTo(before);
	}

	@Test
	void otherEndpointsNeedTheActuatorRole() throws Exception {
		assertThat(RecipeClient.as("operator").get(actuator() + "/info")).isEqualTo(403);
		assertThat(RecipeClient.as("admin").get(actuator() + "/info")).isEqualTo(200);
	}

	private String poller() {
		return actuator() + "/supervisor/poller";
	}

	private int restarts() {
		return this.supervisor.status("poller").restarts();
	}

}
