package dev.supervisor.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's dashboard in the packaged sample, in headless Chromium: the index leads to it,
 * it lists the sample's workers with their states, its restart button really restarts one, the
 * failing importer's runs are drawn as failed bars, and the ticker's output appears. Screenshots
 * land in {@code target/screenshots}.
 */
class SampleBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	private static SampleApp app;

	private static WebDriver browser;

	@BeforeAll
	static void start() throws Exception {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (Debian packages chromium and chromium-driver; .ci/run installs them)");
		}
		app = SampleApp.start();
		browser = startBrowser();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void indexLeadsToTheDashboardWhichListsTheSampleWorkersWithTheirStates() throws Exception {
		browser.get(app.baseUrl() + "/");
		until((driver) -> driver.getCurrentUrl().endsWith("/supervisor/"));
		until((driver) -> rows().size() == 7);
		assertThat(rows()).containsExactly("flaky", "heartbeat", "importer", "poller", "tenants-acme", "tenants-globex",
				"ticker");
		assertThat(read("tr[data-group]", "data-group")).containsExactlyInAnyOrder("consumer", "pipeline");
		until((driver) -> "RUNNING".equals(text("tr[data-worker='poller'] .badge")));
		until((driver) -> "RUNNING".equals(text("tr[data-worker='heartbeat'] .badge")));
		until((driver) -> "RUNNING".equals(text("tr[data-worker='ticker'] .badge")));
		until((driver) -> "FATAL".equals(text("tr[data-worker='importer'] .badge")));
		assertThat(text("tr[data-worker='ticker'] td.type")).isEqualTo("process");
		assertThat(text("tr[data-worker='importer'] td.exit"))
			.isEqualTo("failed IllegalStateException: import directory /var/import does not exist");
		screenshot("dashboard-overview.png");
	}

	@Test
	void restartButtonRaisesTheRestartCount() throws Exception {
		browser.get(app.baseUrl() + "/supervisor/");
		until((driver) -> "RUNNING".equals(text("tr[data-worker='poller'] .badge")));
		int before = app.worker("poller").get("restarts").asInt();
		until((driver) -> String.valueOf(before).equals(text("tr[data-worker='poller'] td.restarts")));

		browser.findElement(By.cssSelector("tr[data-worker='poller'] button[data-action='restart']")).click();

		until((driver) -> String.valueOf(before + 1).equals(text("tr[data-worker='poller'] td.restarts")));
		until((driver) -> "RUNNING".equals(text("tr[data-worker='poller'] .badge")));
	}

	@Test
	void detailOfTheFailingImporterDrawsOneFailedBarPerRun() throws Exception {
		browser.get(app.baseUrl() + "/supervisor/#/worker/importer");
		until((driver) -> "FATAL".equals(text("#detail-state")));
		// max-restarts 3: the first run and three restarts, all failed.
		until((driver) -> read("#timeline rect.run", "class").size() == 4);
		assertThat(read("#timeline rect.run", "class")).containsOnly("run run-failed");
		assertThat(read("#runs tbody tr", "text"))
			.allSatisfy((row) -> assertThat(row).contains("IllegalStateException: import directory /var/import"));
		screenshot("dashboard-detail.png");
	}

	@Test
	void detailOfTheTickerShowsItsPidAndOutput() throws Exception {
		browser.get(app.baseUrl() + "/supervisor/#/worker/ticker");
		until((driver) -> text("#output").contains("tick"));
		long pid = app.worker("ticker").get("pid").asLong();
		until((driver) -> read("#detail-facts dd[data-fact='pid']", "text").equals(List.of(String.valueOf(pid))));
		until((driver) -> !read("#output .stderr", "text").isEmpty());
		assertThat(read("#output .stderr", "text")).allSatisfy((line) -> assertThat(line).startsWith("tock"));
	}

	private static <T> T until(Function<WebDriver, T> condition) {
		return new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
	}

	private static List<String> rows() {
		return read("tr[data-worker]:not([hidden])", "data-worker");
	}

	/** An attribute (or "text") of every match, read at one instant so a redraw cannot stale it. */
	@SuppressWarnings("unchecked")
	private static List<String> read(String selector, String attribute) {
		return (List<String>) ((JavascriptExecutor) browser).executeScript("""
				return [...document.querySelectorAll(arguments[0])]
				  .map((element) => arguments[1] === 'text' ? element.textContent : element.getAttribute(arguments[1]));
				""", selector, attribute);
	}

	private static String text(String selector) {
		try {
			return browser.findElement(By.cssSelector(selector)).getText();
		}
		catch (StaleElementReferenceException | NoSuchElementException ex) {
			// The page redraws on every refresh; ask again on the next poll.
			return "";
		}
	}

	private static void screenshot(String name) throws Exception {
		Files.createDirectories(SCREENSHOTS);
		Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	private static WebDriver startBrowser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1200,760",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
