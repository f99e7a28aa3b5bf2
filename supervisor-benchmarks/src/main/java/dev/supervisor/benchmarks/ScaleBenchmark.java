package dev.supervisor.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.ShutdownResult;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.WorkerThreads;

/**
 * N idle workers: how long until all are {@code RUNNING}, until all are {@code STOPPED}, and
 * how much heap each retains beyond a bare thread parked the same way.
 * <p>
 * Usage: {@code ScaleBenchmark <platform|virtual> <workers> <repetitions> [park|sleep]}.
 * Each repetition, in the same JVM:
 * <ol>
 * <li>baseline: start N bare threads from the same thread factory, each parked in
 * {@code LockSupport.park()}; live heap bytes (class histogram, after a full GC) divided by N;</li>
 * <li>supervisor: add N workers (no listener), then time {@code start()}, after which every
 * status reads {@code RUNNING}, and the time until every worker's code is running; each worker parks until its
 * stop is requested ({@code park}) or sleeps an hour in {@code WorkerContext.sleep}
 * ({@code sleep}); live heap bytes divided by N;</li>
 * <li>{@code shutdown()}, timed, with the CPU time the whole process spends during it (every
 * thread's, the collector's included; the bare threads' release and join likewise): it returns
 * once every worker's thread has ended; then checked, untimed: every worker stopped and
 * {@code STOPPED}.</li>
 * </ol>
 * A first round, not counted, warms the JIT up. Prints one line per counted repetition and a
 * line of medians.
 */
public final class ScaleBenchmark {

	private ScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String kind = args[0];
		int workers = Integer.parseInt(args[1]);
		int repetitions = Integer.parseInt(args[2]);
		String idle = (args.length > 3) ? args[3] : "park";
		ThreadFactory factory = "virtual".equals(kind) ? WorkerThreads.virtual() : WorkerThreads.platform();
		double[] startMs = new double[repetitions];
		double[] inRunMs = new double[repetitions];
		double[] stopMs = new double[repetitions];
		double[] beyondBytes = new double[repetitions];
		double[] bareBytes = new double[repetitions];
		double[] beyondWithoutStacks = new double[repetitions];
		double[] bareStartMs = new double[repetitions];
		double[] bareStopMs = new double[repetitions];
		double[] stopCpuMs = new double[repetitions];
		double[] bareStopCpuMs = new double[repetitions];
		// One round first, not counted, of 20,000 to 100,000 threads: it brings both bare threads
		// and workers to compiled code, whose parked stacks (on the heap for virtual threads) are
		// smaller than interpreted ones. Platform threads keep their stacks off the heap.
		int warmUp = "virtual".equals(kind) ? Math.min(Math.max(workers, 20_000), 100_000) : workers;
		bareThreads(factory, warmUp);
		supervised(factory, warmUp, idle);
		for (int rep = 0; rep < repetitions; rep++) {
			Bare bareRound = bareThreads(factory, workers);
			Heap.Live bareLive = bareRound.live();
			double bare = (double) bareLive.total() / workers;
			bareStartMs[rep] = bareRound.startMs();
			bareStopMs[rep] = bareRound.stopMs();
			bareStopCpuMs[rep] = bareRound.stopCpuMs();
			Result result = supervised(factory, workers, idle);
			startMs[rep] = result.allRunningMs;
			inRunMs[rep] = result.allInRunMs;
			stopMs[rep] = result.allStoppedMs;
			stopCpuMs[rep] = result.stopCpuMs;
			bareBytes[rep] = bare;
			beyondBytes[rep] = result.bytesPerWorker - bare;
			beyondWithoutStacks[rep] = result.bytesWithoutStacksPerWorker - (double) bareLive.withoutStacks() / workers;
			System.out.printf(Locale.ROOT,
					"scale %s %s n=%d rep=%d: add %.0f ms, all RUNNING %.0f ms, all in run() %.0f ms, all STOPPED %.0f ms;"
							+ " heap/worker %.0f B, bare thread %.0f B, beyond %.0f B (parked stacks left out: %.0f B);"
							+ " bare threads: all parked %.0f ms, released and joined %.0f ms;"
							+ " process CPU while stopping: %.0f ms, bare %.0f ms%n",
					kind, idle, workers, rep + 1, result.addMs, result.allRunningMs, result.allInRunMs,
					result.allStoppedMs, result.bytesPerWorker, bare, result.bytesPerWorker - bare,
					beyondWithoutStacks[rep], bareStartMs[rep], bareStopMs[rep], stopCpuMs[rep], bareStopCpuMs[rep]);
		}
		System.out.printf(Locale.ROOT,
				"RESULT scale | %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |"
						+ " (median of %d; stop range %.0f-%.0f ms; process CPU while stopping %.0f ms, bare %.0f ms)%n",
				kind, idle, workers, Stats.median(startMs), Stats.median(inRunMs), Stats.median(stopMs),
				Stats.median(bareBytes), Stats.median(beyondBytes), Stats.median(beyondWithoutStacks),
				Stats.median(bareStartMs), Stats.median(bareStopMs), repetitions, Stats.min(stopMs),
				Stats.max(stopMs), Stats.median(stopCpuMs), Stats.median(bareStopCpuMs));
	}

	/**
	 * Bare threads from the factory, parked until released: their retained heap (all of it, and
	 * without stacks), the time from the first start until all are parked, and from the release
	 * until all are joined (one by one, as a plain program would).
	 */
	static Bare bareThreads(ThreadFactory factory, int count) throws InterruptedException {
		Heap.awaitPlatformThreadsGone();
		Heap.Live before = Heap.live();
		CountDownLatch parked = new CountDownLatch(count);
		AtomicBoolean released = new AtomicBoolean();
		List<Thread> threads = new ArrayList<>(count);
		long startBegin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Thread thread = factory.newThread(() -> {
				parked.countDown();
				while (!released.get()) {
					LockSupport.park();
				}
			});
			thread.setName("bare-" + i);
			threads.add(thread);
			thread.start();
		}
		parked.await();
		long allParked = System.nanoTime();
		Heap.Live during = Heap.live();
		long stopBegin = System.nanoTime();
		long stopCpuBegin = processCpuNanos();
		released.set(true);
		for (Thread thread : threads) {
			LockSupport.unpark(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long allJoined = System.nanoTime();
		long stopCpu = processCpuNanos() - stopCpuBegin;
		return new Bare(new Heap.Live(during.total() - before.total(), during.stacks() - before.stacks()),
				Stats.millis(allParked - startBegin), Stats.millis(allJoined - stopBegin), Stats.millis(stopCpu));
	}

	/** CPU time of the whole process so far, every thread's and the collector's. */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	record Bare(Heap.Live live, double startMs, double stopMs, double stopCpuMs) {
	}

	static Result supervised(ThreadFactory factory, int count, String idle) throws InterruptedException {
		Heap.awaitPlatformThreadsGone();
		Heap.Live before = Heap.live();
		CountDownLatch inRun = new CountDownLatch(count);
		boolean sleep = "sleep".equals(idle);
		Supervisor supervisor = Supervisor.builder()
			.threadFactory(factory)
			// A bound against hanging, never reached on a quiet machine: shutdown() is what is timed.
			.shutdownTimeout(Duration.ofMinutes(5))
			.build();
		long addBegin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			supervisor.add(WorkerSpec.builder(String.format(Locale.ROOT, "idle-%06d", i), (context) -> {
				inRun.countDown();
				if (sleep) {
					context.sleep(Duration.ofHours(1));
				}
				else {
					while (!context.isStopRequested()) {
						LockSupport.park();
					}
				}
			}).restart(RestartPolicy.ON_FAILURE).build());
		}
		long startBegin = System.nanoTime();
		// start() moves each worker to RUNNING before it returns; checked below, untimed.
		supervisor.start();
		long allRunning = System.nanoTime();
		inRun.await();
		long allInRun = System.nanoTime();
		requireAll(supervisor, WorkerState.RUNNING);
		Heap.Live during = Heap.live();
		long stopBegin = System.nanoTime();
		long stopCpuBegin = processCpuNanos();
		// shutdown() returns once every worker's thread has ended, after it became STOPPED.
		ShutdownResult result = supervisor.shutdown();
		long allStopped = System.nanoTime();
		long stopCpu = processCpuNanos() - stopCpuBegin;
		if (result.stopped() != count || !result.stuck().isEmpty()) {
			throw new IllegalStateException("Expected " + count + " workers stopped, got " + result);
		}
		requireAll(supervisor, WorkerState.STOPPED);
		Result measured = new Result();
		measured.addMs = Stats.millis(startBegin - addBegin);
		measured.allRunningMs = Stats.millis(allRunning - startBegin);
		measured.allInRunMs = Stats.millis(allInRun - startBegin);
		measured.allStoppedMs = Stats.millis(allStopped - stopBegin);
		measured.stopCpuMs = Stats.millis(stopCpu);
		measured.bytesPerWorker = (double) (during.total() - before.total()) / count;
		measured.bytesWithoutStacksPerWorker = (double) (during.withoutStacks() - before.withoutStacks()) / count;
		return measured;
	}

	static void requireAll(Supervisor supervisor, WorkerState state) {
		for (WorkerStatus status : supervisor.statuses()) {
			if (status.state() != state) {
				throw new IllegalStateException("Worker '" + status.spec().name() + "' is " + status.state()
						+ ", expected " + state);
			}
		}
	}

	/** Poll the statuses until every worker is in the state; fails after a minute. */
	static void awaitAll(Supervisor supervisor, WorkerState state) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (true) {
			boolean all = true;
			for (WorkerStatus status : supervisor.statuses()) {
				if (status.state() != state) {
					all = false;
					break;
				}
			}
			if (all) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Workers did not all reach " + state + " within a minute");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	static final class Result {

		double addMs;

		double allRunningMs;

		double allInRunMs;

		double allStoppedMs;

		/** CPU time of the whole process (every thread, the collector's included) during the shutdown. */
		double stopCpuMs;

		double bytesPerWorker;

		double bytesWithoutStacksPerWorker;

	}

}
