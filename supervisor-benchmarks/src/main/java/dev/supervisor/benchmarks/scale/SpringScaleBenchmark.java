package dev.supervisor.benchmarks.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerThreads;
import dev.supervisor.core.table.WorkerTable;

/**
 * A running Spring Boot web application (virtual threads, actuator, Prometheus registry) gets
 * N idle workers at run time, then answers the endpoint list (whole, filtered, paged), the
 * Prometheus scrape and health over real HTTP.
 * <p>
 * {@code SpringScaleBenchmark <workers> <rounds> <plain|table> [per-key] [property=value...]}:
 * <ul>
 * <li>{@code plain}: a runner adds the workers one by one with {@code Supervisor.add}, each
 * with its own name (so its own series); first the same adds on a bare {@link Supervisor} with
 * the same virtual threads, as the baseline;</li>
 * <li>{@code table}: one worker table of N keys, added to the running application; its workers
 * share the table's series unless {@code per-key} sets {@code supervisor.metrics.per-key-tags}.</li>
 * </ul>
 * Any {@code property=value} argument is set in the application (its label gets the property's
 * last name), e.g. {@code management.metrics.observations.ignored-meters=long-task-timer}.
 * Prints {@code RESULT} lines: for adding, wall time of the {@code add} calls, until all are
 * {@code RUNNING}, and the JVM's CPU time meanwhile (which a loaded machine does not inflate as
 * much); for each request, status, median, min and max ms and bytes. No Spring-side warm-up: the
 * adds are the first of the JVM's life after start-up ({@code plain} warms the engine up with
 * a bare round of a tenth of the workers).
 */
public final class SpringScaleBenchmark {

	private static final Worker IDLE = (context) -> context.sleep(Duration.ofHours(1));

	private SpringScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int workers = Integer.parseInt(args[0]);
		int rounds = Integer.parseInt(args[1]);
		String scenario = args[2];
		boolean perKey = args.length > 3 && "per-key".equals(args[3]);
		String label = scenario + (perKey ? "-per-key" : "");
		// Further arguments key=value are properties of the application, such as a switch of Boot's.
		java.util.Map<String, Object> properties = new java.util.HashMap<>();
		for (int i = 3; i < args.length; i++) {
			int equals = args[i].indexOf('=');
			if (equals > 0) {
				properties.put(args[i].substring(0, equals), args[i].substring(equals + 1));
				label += "-" + args[i].substring(args[i].lastIndexOf('.', equals) + 1, equals);
			}
		}
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		if ("plain".equals(scenario)) {
			bareAdds(workers / 10, false);
			bareAdds(workers, true);
		}
		SpringApplication application = new SpringApplication(SpringScaleApplication.class);
		properties.putAll(java.util.Map.of("server.port", "0", "spring.threads.virtual.enabled", "true",
				"management.endpoints.web.exposure.include", "health,supervisor,prometheus",
				"supervisor.metrics.per-key-tags", Boolean.toString(perKey), "spring.main.banner-mode", "off"));
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			Supervisor supervisor = context.getBean(Supervisor.class);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			long cpuStarted = processCpuNanos();
			long started = System.nanoTime();
			long added;
			if ("table".equals(scenario)) {
				List<String> keys = IntStream.range(0, workers).mapToObj((i) -> "k" + i).toList();
				supervisor.addTable(WorkerTable.builder("tenants", () -> keys, (String key) -> IDLE)
					.refresh(Duration.ofHours(1))
					.build());
				added = System.nanoTime();
			}
			else {
				addPlain(supervisor, workers, (i) -> "w-" + i);
				added = System.nanoTime();
			}
			awaitRunning(supervisor, workers);
			long running = System.nanoTime();
			long cpu = processCpuNanos() - cpuStarted;
			System.out.printf(Locale.ROOT,
					"RESULT %s add %.1f ms (%.2f us per worker); all RUNNING after %.1f ms; process CPU %.1f ms (%.2f us per worker)%n",
					label, millis(added - started), (added - started) / 1000.0 / workers, millis(running - started),
					millis(cpu), cpu / 1000.0 / workers);
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			String base = "http://localhost:" + port + "/actuator/";
			measure(client, label, "list", base + "supervisor", rounds);
			measure(client, label, "list-state-FATAL", base + "supervisor?state=FATAL", rounds);
			measure(client, label, "list-state-RUNNING-page", base + "supervisor?state=RUNNING&page=0&size=100", rounds);
			measure(client, label, "list-prefix", base + "supervisor?prefix=" + ("table".equals(scenario) ? "tenants-k999" : "w-999"), rounds);
			measure(client, label, "prometheus", base + "prometheus", rounds);
			measure(client, label, "health", base + "health", rounds);
		}
	}

	private static void bareAdds(int workers, boolean report) throws InterruptedException {
		Supervisor supervisor = Supervisor.builder()
			.threadFactory(WorkerThreads.virtual())
			.shutdownTimeout(Duration.ofSeconds(60))
			.build();
		supervisor.start();
		long cpuStarted = processCpuNanos();
		long started = System.nanoTime();
		addPlain(supervisor, workers, (i) -> "w-" + i);
		long added = System.nanoTime();
		awaitRunning(supervisor, workers);
		long running = System.nanoTime();
		long cpu = processCpuNanos() - cpuStarted;
		supervisor.shutdown();
		if (report) {
			System.out.printf(Locale.ROOT,
					"RESULT bare add %.1f ms (%.2f us per worker); all RUNNING after %.1f ms; process CPU %.1f ms (%.2f us per worker)%n",
					millis(added - started), (added - started) / 1000.0 / workers, millis(running - started),
					millis(cpu), cpu / 1000.0 / workers);
		}
	}

	private static void addPlain(Supervisor supervisor, int workers, IntFunction<String> name) {
		for (int i = 0; i < workers; i++) {
			supervisor.add(WorkerSpec.builder(name.apply(i), IDLE).build());
		}
	}

	/**
	 * Polls every 50 ms: each poll is a pass over every worker, which at 100,000 workers every
	 * 10 ms took a fifth of the CPU time the table's workers were measured with.
	 */
	private static void awaitRunning(Supervisor supervisor, int workers) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (supervisor.stateCounts().get(WorkerState.RUNNING) < workers) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not all " + workers + " workers RUNNING: " + supervisor.stateCounts());
			}
			Thread.sleep(50);
		}
	}

	private static void measure(HttpClient client, String label, String measure, String uri, int rounds)
			throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(1)).build();
		for (int i = 0; i < 2; i++) {
			client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		List<Double> times = new ArrayList<>();
		int bytes = 0;
		int status = 0;
		for (int i = 0; i < rounds; i++) {
			long started = System.nanoTime();
			HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			times.add(millis(System.nanoTime() - started));
			bytes = response.body().length;
			status = response.statusCode();
		}
		String dump = System.getProperty("scale.dump");
		if (dump != null) {
			java.nio.file.Files.write(java.nio.file.Path.of(dump, label + "-" + measure + ".txt"),
					client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
		}
		double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		double median = (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
		System.out.printf(Locale.ROOT, "RESULT %s %s status %d median %.1f ms (%.1f-%.1f) %d bytes%n", label, measure,
				status, median, sorted[0], sorted[sorted.length - 1], bytes);
		System.out.println("TIMES " + label + " " + measure + " " + Arrays.toString(sorted));
	}

	/** CPU time of the whole JVM: unlike wall time, it does not grow with the machine's load. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
