package dev.supervisor.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the overview draws groups (folded with their members) and cluster singletons (a leader
 * column) when the endpoint reports them. The answer comes from a stand-in for the endpoint, in
 * the shape the endpoint gives groups and singletons.
 */
@DirtiesContext
@SpringBootTest(classes = GroupsAndLeadersDashboardBrowserTests.Application.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "supervisor.dashboard.enabled=true", "supervisor.dashboard.refresh=300ms" })
class GroupsAndLeadersDashboardBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Test
	void foldsAGroupWithItsMembersAndShowsLeaderOrStandby() {
		browser.open("http://localhost:" + this.port + "/supervisor/");
		browser.until((driver) -> rows().equals(List.of("group:pipeline", "lone")));
		assertThat(browser.text("tr[data-group='pipeline'] td.type")).isEqualTo("group (rest-for-one, 2)");
		assertThat(browser.text("tr[data-group='pipeline'] td.restarts")).isEqualTo("1");
		assertThat(browser.read("th", "text")).contains("Leader");

		browser.driver().findElement(By.cssSelector("tr[data-group='pipeline'] td.name button")).click();

		browser.until((driver) -> rows().equals(List.of("group:pipeline", "fetcher", "parser", "lone")));
		assertThat(browser.read("tr.member", "data-worker")).containsExactly("fetcher", "parser");
		assertThat(browser.text("tr[data-worker='fetcher'] td.leader")).isEqualTo("leader");
		assertThat(browser.text("tr[data-worker='parser'] td.leader")).isEqualTo("standby");
		assertThat(browser.text("tr[data-worker='parser'] .badge")).isEqualTo("STANDBY");
		assertThat(browser.text("tr[data-worker='lone'] td.leader")).isEmpty();
	}

	@Test
	void filteringOpensAGroupToShowTheMembersThatMatch() {
		browser.open("http://localhost:" + this.port + "/supervisor/");
		browser.until((driver) -> rows().contains("group:pipeline"));
		browser.driver().findElement(By.id("filter")).sendKeys("parser");
		browser.until((driver) -> rows().equals(List.of("group:pipeline", "parser")));
	}

	/** Each shown row as "group:<name>" or the worker's name, read at one instant. */
	@SuppressWarnings("unchecked")
	private static List<String> rows() {
		return (List<String>) browser.script("""
				return [...document.querySelectorAll('#workers tbody tr:not([hidden])')]
				  .map((row) => row.dataset.group ? 'group:' + row.dataset.group : row.dataset.worker);
				""");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@PropertySource("classpath:without-security.properties")
	static class Application {

		@Bean
		DashboardEndpointLocator standInLocator(Environment environment) {
			return new DashboardEndpointLocator(() -> null, (id, defaultAccess) -> Access.READ_ONLY, environment,
					Duration.ofMillis(300)) {

				@Override
				public DashboardConfig locate(HttpServletRequest request) {
					return new DashboardConfig("/stand-in/supervisor", "read-only", false, 300, null);
				}

			};
		}

		@Bean
		StandInEndpoint standInEndpoint() {
			return new StandInEndpoint();
		}

	}

	/**
	 * Answers as the endpoint does for a group of two cluster singletons and one lone worker.
	 */
	@RestController
	static class StandInEndpoint {

		@GetMapping("/stand-in/supervisor")
		Map<String, Object> workers() {
			return Map.of("workers",
					List.of(worker("fetcher", "RUNNING", Map.of("group", "pipeline", "singleton", true, "leader", true)),
							worker("lone", "RUNNING", Map.of()),
							worker("parser", "STANDBY", Map.of("group", "pipeline", "singleton", true, "leader", false))),
					"groups", List.of(Map.of("name", "pipeline", "strategy", "rest-for-one", "state", "RUNNING",
							"restarts", 1, "members", List.of("fetcher", "parser"))));
		}

		private static Map<String, Object> worker(String name, String state, Map<String, Object> more) {
			Map<String, Object> worker = new LinkedHashMap<>(
					Map.of("name", name, "type", "worker", "state", state, "restarts", 0, "policy", "on-failure"));
			worker.putAll(more);
			return worker;
		}

	}

}
