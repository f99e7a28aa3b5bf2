package dev.supervisor.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application, started as a separate JVM ({@code java -jar}) on a free port,
 * and a small HTTP client for it.
 */
public final class SampleApp implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final Path log;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleApp(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * Start the jar built by the package phase and wait until it is ready.
	 * @param arguments more command-line arguments, such as {@code --spring.profiles.active=cluster}
	 */
	public static SampleApp start(String... arguments) throws IOException {
		SampleApp app = launch(arguments);
		app.awaitReady();
		return app;
	}

	/**
	 * Start the jar built by the package phase without waiting for it.
	 * @param arguments more command-line arguments
	 */
	public static SampleApp launch(String... arguments) throws IOException {
		return launch(List.of(), arguments);
	}

	/**
	 * Start the jar built by the package phase with the given JVM options, such as
	 * {@code -Dspring.aot.enabled=true}, and wait until it is ready.
	 * @param jvmOptions options of the JVM
	 * @param arguments more command-line arguments
	 */
	public static SampleApp start(List<String> jvmOptions, String... arguments) throws IOException {
		SampleApp app = launch(jvmOptions, arguments);
		app.awaitReady();
		return app;
	}

	/**
	 * Start the jar built by the package phase without waiting for it.
	 * @param jvmOptions options of the JVM, such as {@code -Xmx256m}
	 * @param arguments more command-line arguments
	 */
	public static SampleApp launch(List<String> jvmOptions, String... arguments) throws IOException {
		return launch(packagedJar(), jvmOptions, arguments);
	}

	/**
	 * The jar built by the package phase.
	 * @return its path
	 */
	public static Path packagedJar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the packaged sample application").exists();
		return jar;
	}

	/**
	 * Start the given jar of the sample, such as an extracted copy of the packaged one, without
	 * waiting for it.
	 * @param jar the jar to run
	 * @param jvmOptions options of the JVM, such as {@code -Xmx256m}
	 * @param arguments more command-line arguments
	 */
	public static SampleApp launch(Path jar, List<String> jvmOptions, String... arguments) throws IOException {
		assertThat(jar).as("the sample application's jar").exists();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Files.createTempFile("sample-app", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SampleApp app = new SampleApp(process, log, port);
		// Whatever ends the test JVM, the sample and its children go with it.
		Runtime.getRuntime().addShutdownHook(new Thread(app::close, "sample-app-cleanup"));
		return app;
	}

	/**
	 * Wait until the application's readiness probe answers, or fail with its log.
	 */
	public void awaitReady() {
		// Generous: on a loaded two-core machine the sample took 67s to start.
		awaitReady(Duration.ofMinutes(4));
	}

	/**
	 * Wait until the application's readiness probe answers, or fail with its log.
	 * @param timeout the longest wait
	 */
	public void awaitReady(Duration timeout) {
		SampleApp app = this;
		Process process = this.process;
		try {
			await().atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(IOException.class)
				.untilAsserted(() -> {
					assertThat(process.isAlive()).as("sample application alive; log:%n%s", app.log()).isTrue();
					assertThat(app.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
				});
		}
		catch (Throwable ex) {
			app.close();
			throw ex;
		}
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public Process process() {
		return this.process;
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public JsonNode json(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	public JsonNode worker(String name) throws IOException, InterruptedException {
		return json("/actuator/supervisor/" + name);
	}

	public List<String> workerNames() throws IOException, InterruptedException {
		return json("/actuator/supervisor").get("workers").valueStream().map((w) -> w.get("name").asString()).toList();
	}

	/**
	 * The value of a Prometheus sample such as
	 * {@code supervisor_worker_starts_total{worker="poller"}}, or 0 when absent.
	 */
	public double metric(String name, String worker) throws IOException, InterruptedException {
		String prefix = name + "{";
		String tag = "worker=\"" + worker + "\"";
		return get("/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(prefix) && line.contains(tag))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
		}
	}

}
