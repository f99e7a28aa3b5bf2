package dev.supervisor.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

import dev.supervisor.core.ShutdownResult;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerThreads;

/**
 * Shutdown of N workers, all cooperative, or all cooperative but one that ignores interrupts.
 * <p>
 * Usage: {@code ShutdownBenchmark <platform|virtual> <workers> <repetitions> <timeoutMillis>}.
 * After one uncounted round, each repetition runs two scenarios in the same JVM, each with a
 * fresh supervisor:
 * <ul>
 * <li>cooperative: N workers parked until their stop is requested; time of
 * {@code shutdown()} measured around the call, with a timeout (60s) it never reaches;</li>
 * <li>stuck: N - 1 such workers plus one that sleeps in a loop and swallows every
 * interrupt; {@code shutdown()} with the given timeout, measured around the call; the delay is
 * that time minus the timeout. The stuck worker is let go afterwards so repetitions do not pile
 * up threads.</li>
 * </ul>
 */
public final class ShutdownBenchmark {

	private static volatile boolean letStuckWorkersGo;

	private ShutdownBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String kind = args[0];
		int workers = Integer.parseInt(args[1]);
		int repetitions = Integer.parseInt(args[2]);
		Duration timeout = Duration.ofMillis(Long.parseLong(args[3]));
		ThreadFactory factory = "virtual".equals(kind) ? WorkerThreads.virtual() : WorkerThreads.platform();
		// One round first, not counted, to warm the JIT up.
		shutdownMillis(factory, workers, false, timeout);
		shutdownMillis(factory, workers, true, timeout);
		double[] cooperativeMs = new double[repetitions];
		double[] delayMs = new double[repetitions];
		for (int rep = 0; rep < repetitions; rep++) {
			cooperativeMs[rep] = shutdownMillis(factory, workers, false, timeout);
			double stuckMs = shutdownMillis(factory, workers, true, timeout);
			delayMs[rep] = stuckMs - timeout.toMillis();
			System.out.printf(Locale.ROOT,
					"shutdown %s n=%d rep=%d: cooperative %.1f ms; with one stuck worker %.1f ms"
							+ " (timeout %d ms, delay beyond it %.1f ms)%n",
					kind, workers, rep + 1, cooperativeMs[rep], stuckMs, timeout.toMillis(), delayMs[rep]);
		}
		System.out.printf(Locale.ROOT,
				"RESULT shutdown | %s | %d | %.1f | %d | %.1f | %.1f | (median of %d; cooperative range %.1f-%.1f ms)%n",
				kind, workers, Stats.median(cooperativeMs), timeout.toMillis(), Stats.median(delayMs),
				Stats.max(delayMs), repetitions, Stats.min(cooperativeMs), Stats.max(cooperativeMs));
	}

	private static double shutdownMillis(ThreadFactory factory, int count, boolean oneStuck, Duration timeout)
			throws InterruptedException {
		letStuckWorkersGo = false;
		CountDownLatch inRun = new CountDownLatch(count);
		// Cooperative workers get a timeout they never need, so the time is theirs alone.
		Duration shutdownTimeout = oneStuck ? timeout : Duration.ofSeconds(60);
		Supervisor supervisor = Supervisor.builder().threadFactory(factory).shutdownTimeout(shutdownTimeout).build();
		for (int i = 0; i < count; i++) {
			String name = String.format(Locale.ROOT, "worker-%06d", i);
			if (oneStuck && i == count / 2) {
				supervisor.add(WorkerSpec.builder(name, (context) -> {
					inRun.countDown();
					ignoreInterrupts();
				}).build());
			}
			else {
				supervisor.add(WorkerSpec.builder(name, (context) -> {
					inRun.countDown();
					while (!context.isStopRequested()) {
						LockSupport.park();
					}
				}).build());
			}
		}
		supervisor.start();
		inRun.await();
		long begin = System.nanoTime();
		ShutdownResult result = supervisor.shutdown();
		long took = System.nanoTime() - begin;
		int expectedStuck = oneStuck ? 1 : 0;
		if (result.stuck().size() != expectedStuck || result.stopped() != count - expectedStuck) {
			throw new IllegalStateException("Unexpected shutdown result: " + result);
		}
		letStuckWorkersGo = true;
		if (oneStuck) {
			ScaleBenchmark.awaitAll(supervisor, WorkerState.STOPPED);
		}
		return Stats.millis(took);
	}

	/** A worker that treats a stop request as noise: it keeps sleeping until let go. */
	private static void ignoreInterrupts() {
		while (!letStuckWorkersGo) {
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				// Ignored on purpose: this is the worker that does not stop.
			}
		}
	}

}
