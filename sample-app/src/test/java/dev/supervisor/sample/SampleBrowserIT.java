package dev.supervisor.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The status page at {@code /} in headless Chromium: it lists the workers and its restart
 * button really restarts one.
 */
class SampleBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@Test
	void statusPageListsWorkersAndItsRestartButtonRaisesTheRestartCount() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"needs the Debian packages chromium and chromium-driver (.ci/run installs them)");
		try (SampleApp app = SampleApp.start()) {
			WebDriver browser = startBrowser();
			try {
				browser.get(app.baseUrl() + "/");
				WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
				wait.until((driver) -> driver.findElements(By.cssSelector("tr[data-worker]")).size() >= 5);
				assertThat(browser.findElements(By.cssSelector("tr[data-worker] td.name")))
					.extracting((cell) -> cell.getText())
					.contains("flaky", "heartbeat", "importer", "poller", "ticker");
				wait.until((driver) -> "RUNNING".equals(cellText(driver, "poller", ".state")));
				wait.until((driver) -> restarts(driver, "poller") >= 0);
				int before = restarts(browser, "poller");

				browser.findElement(By.cssSelector("tr[data-worker='poller'] button[data-action='restart']")).click();

				wait.until((driver) -> restarts(driver, "poller") == before + 1);
				wait.until((driver) -> "RUNNING".equals(cellText(driver, "poller", ".state")));
			}
			finally {
				browser.quit();
			}
		}
	}

	private static int restarts(WebDriver driver, String worker) {
		String text = cellText(driver, worker, "td.restarts");
		return text.matches("\\d+") ? Integer.parseInt(text) : -1;
	}

	private static String cellText(WebDriver driver, String worker, String selector) {
		try {
			return driver.findElement(By.cssSelector("tr[data-worker='" + worker + "'] " + selector)).getText();
		}
		catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException ex) {
			// The page re-renders every second; ask again on the next poll.
			return "";
		}
	}

	private static WebDriver startBrowser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
