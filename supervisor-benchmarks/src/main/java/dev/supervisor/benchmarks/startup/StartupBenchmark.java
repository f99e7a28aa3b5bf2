package dev.supervisor.benchmarks.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.WorkerThreads;

/**
 * Start-up cost of the supervisor's auto-configuration: a Spring Boot application (no web
 * server) with {@value IdleWorkers#COUNT} {@code @Supervised} beans, started and closed
 * repeatedly in one JVM, with the auto-configuration and without it (the same beans as plain
 * beans; the auto-configurations are excluded with {@code spring.autoconfigure.exclude}).
 * <p>
 * Usage: {@code StartupBenchmark <warm-up rounds> <rounds>}. Each round starts and closes every
 * configuration once, in an order that rotates from round to round:
 * <ul>
 * <li>{@code without/platform}, {@code with/platform}: the defaults, so workers run on platform
 * threads;</li>
 * <li>{@code without/virtual}, {@code with/virtual}: {@code spring.threads.virtual.enabled=true},
 * so workers run on virtual threads.</li>
 * </ul>
 * {@code SpringApplication.run} is timed to its return (the supervisor's lifecycle has started
 * every worker by then), then {@code close()} (it returns once every worker has stopped); the
 * last lifecycle phase of the start, in which the supervisor starts its workers, is timed apart
 * by {@link LifecycleTimer}. Before the rounds, each configuration is started once and checked,
 * untimed: with the auto-configuration every worker is {@code RUNNING} and idle in its code, and
 * after closing every worker is {@code STOPPED} and out of its code; without it there is no
 * supervisor and no worker runs. Prints one line per configuration and the medians' differences and ratios.
 * <p>
 * A diagnostic floor, timed in every round too: starting {@value IdleWorkers#COUNT} bare threads
 * of each kind from the engine's thread factories, each waiting until released, which is the
 * least that starting {@value IdleWorkers#COUNT} workers costs.
 */
public final class StartupBenchmark {

	private static final String SUPERVISOR_AUTO_CONFIGURATIONS = String.join(",",
			"dev.supervisor.autoconfigure.SupervisorAutoConfiguration",
			"dev.supervisor.autoconfigure.SupervisorEndpointAutoConfiguration",
			"dev.supervisor.autoconfigure.SupervisorHealthAutoConfiguration",
			"dev.supervisor.autoconfigure.SupervisorMetricsAutoConfiguration");

	private StartupBenchmark() {
	}

	public static void main(String[] args) {
		int warmUp = Integer.parseInt(args[0]);
		int rounds = Integer.parseInt(args[1]);
		// Measure the application, not log output: no logging system, no banner.
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		List<Configuration> configurations = List.of(new Configuration("without", "platform"),
				new Configuration("with", "platform"), new Configuration("without", "virtual"),
				new Configuration("with", "virtual"));
		for (Configuration configuration : configurations) {
			configuration.check();
		}
		Map<String, List<Double>> bareStartMs = new LinkedHashMap<>();
		bareStartMs.put("platform", new ArrayList<>());
		bareStartMs.put("virtual", new ArrayList<>());
		for (int round = 0; round < warmUp + rounds; round++) {
			for (Map.Entry<String, List<Double>> bare : bareStartMs.entrySet()) {
				System.gc();
				double ms = startBareThreads(bare.getKey());
				if (round >= warmUp) {
					bare.getValue().add(ms);
				}
			}
			for (int i = 0; i < configurations.size(); i++) {
				Configuration configuration = configurations.get((round + i) % configurations.size());
				System.gc();
				configuration.measure(round >= warmUp);
			}
		}
		for (Configuration configuration : configurations) {
			System.out.printf(Locale.ROOT,
					"RESULT %-16s start %6.1f ms (%.1f-%.1f), of which last lifecycle phase %5.1f ms (%.1f-%.1f); close %5.1f ms (%.1f-%.1f)%n",
					configuration.name(), configuration.startMedian(), min(configuration.startMs),
					max(configuration.startMs), median(configuration.lastPhaseMs), min(configuration.lastPhaseMs),
					max(configuration.lastPhaseMs), configuration.closeMedian(), min(configuration.closeMs),
					max(configuration.closeMs));
		}
		for (Map.Entry<String, List<Double>> bare : bareStartMs.entrySet()) {
			System.out.printf(Locale.ROOT, "RESULT bare %-8s %d threads started %6.1f ms (%.1f-%.1f)%n", bare.getKey(),
					IdleWorkers.COUNT, median(bare.getValue()), min(bare.getValue()), max(bare.getValue()));
		}
		for (int i = 0; i < configurations.size(); i += 2) {
			Configuration without = configurations.get(i);
			Configuration with = configurations.get(i + 1);
			System.out.printf(Locale.ROOT,
					"RESULT cost %-8s start +%.1f ms (%.2fx)  close +%.1f ms (%.2fx)  start+close +%.1f ms (%.2fx)%n",
					with.threads, with.startMedian() - without.startMedian(),
					with.startMedian() / without.startMedian(), with.closeMedian() - without.closeMedian(),
					with.closeMedian() / without.closeMedian(), with.totalMedian() - without.totalMedian(),
					with.totalMedian() / without.totalMedian());
		}
	}

	/**
	 * Start {@value IdleWorkers#COUNT} threads that wait until released; time the starts only.
	 */
	private static double startBareThreads(String kind) {
		ThreadFactory factory = "virtual".equals(kind) ? WorkerThreads.virtual() : WorkerThreads.platform();
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < IdleWorkers.COUNT; i++) {
			Thread thread = factory.newThread(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			thread.start();
			threads.add(thread);
		}
		long elapsed = System.nanoTime() - started;
		release.countDown();
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return elapsed / 1e6;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static final class Configuration {

		final boolean supervised;

		final String threads;

		final List<Double> startMs = new ArrayList<>();

		final List<Double> closeMs = new ArrayList<>();

		final List<Double> totalMs = new ArrayList<>();

		final List<Double> lastPhaseMs = new ArrayList<>();

		Configuration(String autoConfiguration, String threads) {
			this.supervised = "with".equals(autoConfiguration);
			this.threads = threads;
		}

		String name() {
			return (this.supervised ? "with" : "without") + "/" + this.threads;
		}

		double startMedian() {
			return median(this.startMs);
		}

		double closeMedian() {
			return median(this.closeMs);
		}

		double totalMedian() {
			return median(this.totalMs);
		}

		SpringApplication application() {
			SpringApplication application = new SpringApplication(StartupApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setBannerMode(Banner.Mode.OFF);
			application.setLogStartupInfo(false);
			application.setRegisterShutdownHook(false);
			Map<String, Object> properties = new LinkedHashMap<>();
			if (!this.supervised) {
				properties.put("spring.autoconfigure.exclude", SUPERVISOR_AUTO_CONFIGURATIONS);
			}
			if ("virtual".equals(this.threads)) {
				properties.put("spring.threads.virtual.enabled", "true");
			}
			application.setDefaultProperties(properties);
			return application;
		}

		void measure(boolean record) {
			SpringApplication application = application();
			long started = System.nanoTime();
			ConfigurableApplicationContext context = application.run();
			long running = System.nanoTime();
			context.close();
			long closed = System.nanoTime();
			if (record) {
				this.startMs.add((running - started) / 1e6);
				this.closeMs.add((closed - running) / 1e6);
				this.totalMs.add((closed - started) / 1e6);
				this.lastPhaseMs.add(LifecycleTimer.lastPhaseNanos() / 1e6);
			}
		}

		void check() {
			ConfigurableApplicationContext context = application().run();
			int workerBeans = context.getBeansOfType(IdleWorker.class).size();
			require(workerBeans == IdleWorkers.COUNT, "worker beans: " + workerBeans);
			if (!this.supervised) {
				require(context.getBeanNamesForType(Supervisor.class).length == 0, "a supervisor without auto-configuration");
				require(IdleWorker.running() == 0, "workers running without auto-configuration: " + IdleWorker.running());
				context.close();
				return;
			}
			Supervisor supervisor = context.getBean(Supervisor.class);
			List<WorkerStatus> statuses = supervisor.statuses();
			require(statuses.size() == IdleWorkers.COUNT, "workers registered: " + statuses.size());
			require(statuses.stream().allMatch((status) -> status.state() == WorkerState.RUNNING),
					"not all RUNNING after start: " + statuses);
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (IdleWorker.running() < IdleWorkers.COUNT && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			require(IdleWorker.running() == IdleWorkers.COUNT, "workers idle in their code: " + IdleWorker.running());
			context.close();
			statuses = supervisor.statuses();
			require(statuses.stream().allMatch((status) -> status.state() == WorkerState.STOPPED),
					"not all STOPPED after close: " + statuses);
			require(IdleWorker.running() == 0, "workers still in their code after close: " + IdleWorker.running());
			System.out.println("CHECK " + name() + ": " + IdleWorkers.COUNT + " workers RUNNING and idle on "
					+ IdleWorker.threadType() + " after start, STOPPED after close");
		}

		private static void require(boolean condition, String message) {
			if (!condition) {
				throw new IllegalStateException("Start-up benchmark check failed: " + message);
			}
		}

	}

}
