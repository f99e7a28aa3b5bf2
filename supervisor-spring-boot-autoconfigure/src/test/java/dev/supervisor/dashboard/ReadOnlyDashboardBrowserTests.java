package dev.supervisor.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.test.annotation.DirtiesContext;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.process.ProcessWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in headless Chromium against an endpoint with its default, read-only access:
 * what it shows of workers, failed runs and a process's output, and that it offers no write.
 */
@DirtiesContext
@SpringBootTest(classes = ReadOnlyDashboardBrowserTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "supervisor.dashboard.enabled=true", "supervisor.dashboard.refresh=300ms",
				"management.endpoints.web.exposure.include=supervisor", "supervisor.shutdown-timeout=5s",
				"management.endpoint.supervisor.show-values=always",
				"supervisor.workers.mailer.max-restarts=1", "supervisor.workers.mailer.backoff.initial=200ms",
				"supervisor.processes.counter.command=sh,-c,i=0; while true; do i=$((i+1)); echo \"line $i\"; sleep 0.3; done",
				"supervisor.processes.counter.stop-timeout=2s" })
class ReadOnlyDashboardBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	Supervisor supervisor;

	@BeforeEach
	void awaitWorkers() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.supervisor.status("mailer").state()).isEqualTo(WorkerState.FATAL);
			assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
			assertThat(this.supervisor.status("counter").state()).isEqualTo(WorkerState.RUNNING);
		});
	}

	@Test
	void overviewListsEveryWorkerWithItsStateAndNoButton() {
		browser.open(url("/supervisor"));
		browser.until((driver) -> browser.all("tr[data-worker]").size() == 3);
		assertThat(browser.all("tr[data-worker] td.name")).extracting(WebElement::getText)
			.containsExactly("counter", "mailer", "poller");
		browser.until((driver) -> "FATAL".equals(browser.text("tr[data-worker='mailer'] .badge")));
		assertThat(browser.text("tr[data-worker='poller'] .badge")).isEqualTo("RUNNING");
		assertThat(browser.text("tr[data-worker='counter'] td.type")).isEqualTo("process");
		assertThat(browser.text("tr[data-worker='mailer'] td.restarts")).isEqualTo("1");
		assertThat(browser.text("tr[data-worker='mailer'] td.exit")).isEqualTo("failed IOException: connection reset");
		assertThat(browser.all("button[data-action]")).isEmpty();
		assertThat(browser.all("th.actions")).isEmpty();
	}

	@Test
	void aForgedPostFromThePageIsRefusedByTheEndpoint() {
		browser.open(url("/supervisor/"));
		browser.until((driver) -> "RUNNING".equals(browser.text("tr[data-worker='poller'] .badge")));
		long status = browser.fetchStatus("/actuator/supervisor/poller", "POST",
				Map.of("Content-Type", "application/json"), "{\"action\":\"stop\"}");
		assertThat(status).isEqualTo(405);
		assertThat(this.supervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);
	}

	@Test
	void detailOfAFailingWorkerDrawsOneBarPerRunWithTheFailedOnesMarked() {
		browser.open(url("/supervisor/#/worker/mailer"));
		browser.until((driver) -> browser.read("#timeline rect.run", "class").size() == 2);
		assertThat(browser.read("#timeline rect.run", "class")).containsExactly("run run-failed", "run run-failed");
		assertThat(browser.read("#timeline rect.run", "data-attempt")).containsExactly("0", "1");
		assertThat(browser.read("#timeline line.gap", "class")).hasSize(1);
		assertThat(browser.read("#runs tbody tr", "text")).hasSize(2)
			.allSatisfy((row) -> assertThat(row).contains("failed", "IOException: connection reset"));
		assertThat(browser.text("#detail-state")).isEqualTo("FATAL");
		assertThat(browser.all("#detail-actions button")).isEmpty();
		assertThat(browser.script("return document.getElementById('process').hidden")).isEqualTo(true);
	}

	@Test
	void detailOfAProcessShowsItsPidAndFollowsItsOutput() {
		browser.open(url("/supervisor/#/worker/counter"));
		browser.until((driver) -> browser.text("#output").contains("line 1"));
		String pid = String.valueOf(pid());
		browser.until((driver) -> browser.read("#detail-facts dd[data-fact='pid']", "text").equals(List.of(pid)));
		int shown = lineCount(browser.text("#output"));
		browser.until((driver) -> lineCount(browser.text("#output")) >= shown + 3);
		// Lines are appended in order, each once, as the process writes them.
		assertThat(browser.text("#output").lines().toList()).startsWith("line 1", "line 2", "line 3")
			.doesNotHaveDuplicates();
	}

	@Test
	void showsThatTheApplicationIsUnreachableAndRecovers() {
		browser.open(url("/supervisor/"));
		browser.until((driver) -> "RUNNING".equals(browser.text("tr[data-worker='poller'] .badge")));
		ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
		offline.setOffline(true);
		browser.driver().setNetworkConditions(offline);
		try {
			browser.until((driver) -> browser.text("#status").startsWith("Unreachable since"));
			assertThat(browser.script("return document.body.classList.contains('stale')")).isEqualTo(true);
			assertThat(browser.all("tr[data-worker]")).hasSize(3);
		}
		finally {
			browser.driver().deleteNetworkConditions();
		}
		browser.until((driver) -> browser.text("#status").startsWith("Updated"));
	}

	private long pid() {
		return ((ProcessWorker) this.supervisor.status("counter").spec().worker())
			.snapshot()
			.pid();
	}

	private static int lineCount(String text) {
		return (int) text.lines().count();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@PropertySource("classpath:without-security.properties")
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
		@Supervised("mailer")
		Worker mailer() {
			return (context) -> {
				throw new IOException("connection reset");
			};
		}

	}

}
