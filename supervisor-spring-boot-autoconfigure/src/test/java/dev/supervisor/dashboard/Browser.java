package dev.supervisor.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;


/**
 * Headless Chromium driven through Debian's ChromeDriver, with the few questions the dashboard's
 * browser tests ask of a page that redraws itself every refresh. A test class registers one as
 * a static extension: it starts before the class's first test and quits after its last.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private @Nullable ChromeDriver driver;

	private @Nullable Path profile;

	/**
	 * Start the browser; fail, never skip, where Chromium is not installed.
	 */
	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("The dashboard's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (Debian packages chromium and chromium-driver; .ci/run installs them)");
		}
		Path profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.profile = profile;
		this.driver = new ChromeDriver(service, options);
	}

	ChromeDriver driver() {
		if (this.driver == null) {
			throw new IllegalStateException("The browser starts before the test class: register it as a static extension");
		}
		return this.driver;
	}

	void open(String url) {
		driver().get(url);
	}

	/**
	 * Wait, generously, until the condition holds: this is a "never hangs" bound, not a speed
	 * target.
	 */
	<T> T until(Function<WebDriver, T> condition) {
		return new WebDriverWait(driver(), Duration.ofSeconds(30)).until(condition);
	}

	/**
	 * The text of the first element matching the selector, or "" while the page is redrawing.
	 */
	String text(String selector) {
		try {
			return driver().findElement(By.cssSelector(selector)).getText();
		}
		catch (NoSuchElementException | StaleElementReferenceException ex) {
			return "";
		}
	}

	/**
	 * One attribute (or, for "text", the text) of every element matching the selector, read
	 * at one instant so that a redraw cannot stale them.
	 */
	@SuppressWarnings("unchecked")
	List<String> read(String selector, String attribute) {
		return (List<String>) script("""
				return [...document.querySelectorAll(arguments[0])]
				  .map((element) => arguments[1] === 'text' ? element.textContent : element.getAttribute(arguments[1]));
				""", selector, attribute);
	}

	List<WebElement> all(String selector) {
		return driver().findElements(By.cssSelector(selector));
	}

	/**
	 * Send a request from the page, as a script injected into it could, and answer its status.
	 */
	long fetchStatus(String path, String method, Map<String, String> headers, String body) {
		Object status = ((JavascriptExecutor) driver()).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], { method: arguments[1], headers: arguments[2], body: arguments[3] })
				  .then((response) => done(response.status), (error) => done(-1));
				""", path, method, headers, body);
		return ((Number) status).longValue();
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) driver()).executeScript(script, arguments);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.driver != null) {
			this.driver.quit();
			this.driver = null;
		}
		if (this.profile == null) {
			return;
		}
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary profile left behind is harmless.
		}
	}

}
