package dev.supervisor.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in headless Chromium behind Spring Security with HTTP Basic and the
 * single-page-application CSRF convention ({@code csrf((csrf) -> csrf.spa())}): its buttons
 * send the token from the {@code XSRF-TOKEN} cookie as the {@code X-XSRF-TOKEN} header, and a
 * write without it is refused.
 */
@DirtiesContext
@SpringBootTest(classes = SecuredDashboardBrowserTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "supervisor.dashboard.enabled=true", "supervisor.dashboard.refresh=300ms",
				"supervisor.shutdown-timeout=5s", "management.endpoints.web.exposure.include=supervisor",
				"management.endpoint.supervisor.access=unrestricted" })
class SecuredDashboardBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	Supervisor supervisor;

	@BeforeEach
	void openAsOperator() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING));
		// What a browser sends after its HTTP Basic prompt, on every request of the page.
		String credentials = Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));
		browser.driver().executeCdpCommand("Network.enable", Map.of());
		browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
		browser.open("http://localhost:" + this.port + "/supervisor/");
		browser.until((driver) -> "RUNNING".equals(browser.text("tr[data-worker='poller'] .badge")));
	}

	@Test
	void restartButtonSendsTheTokenFromTheCsrfCookie() {
		assertThat(browser.driver().manage().getCookieNamed("XSRF-TOKEN")).isNotNull();
		int before = this.supervisor.status("poller").restarts();
		browser.until((driver) -> String.valueOf(before).equals(browser.text("tr[data-worker='poller'] td.restarts")));

		browser.driver().findElement(By.cssSelector("tr[data-worker='poller'] button[data-action='restart']")).click();

		browser.until((driver) -> String.valueOf(before + 1).equals(browser.text("tr[data-worker='poller'] td.restarts")));
		assertThat(browser.script("return document.getElementById('message').hidden")).isEqualTo(true);
		assertThat(this.supervisor.status("poller").restarts()).isEqualTo(before + 1);
	}

	@Test
	void aWriteWithoutTheCsrfHeaderIsRefused() {
		int before = this.supervisor.status("poller").restarts();
		long status = browser.fetchStatus("/actuator/supervisor/poller", "POST",
				Map.of("Content-Type", "application/json"), "{\"action\":\"restart\"}");
		assertThat(status).isEqualTo(403);
		assertThat(this.supervisor.status("poller").restarts()).isEqualTo(before);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

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
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			// The error page stays open, or a refused write would end in an HTTP Basic challenge.
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/error")
				.permitAll()
				.anyRequest()
				.hasRole("OPERATOR"))
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.spa());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").roles("OPERATOR").build());
		}

	}

}
