package dev.supervisor.benchmarks.startup;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;

/**
 * A worker that idles: it sleeps an hour in {@link WorkerContext#sleep}, which returns early
 * when its stop is requested. Counts the workers currently inside {@link #run}, so the
 * benchmark can check that a context started them all and that closing it stopped them all.
 */
abstract class IdleWorker implements Worker {

	private static final AtomicInteger running = new AtomicInteger();

	private static volatile String threadType = "none";

	/** How many workers are inside {@link #run} right now, in the whole JVM. */
	static int running() {
		return running.get();
	}

	/** The class of the last worker thread that ran, to tell platform from virtual threads. */
	static String threadType() {
		return threadType;
	}

	@Override
	public void run(WorkerContext context) {
		running.incrementAndGet();
		threadType = Thread.currentThread().getClass().getSimpleName();
		try {
			context.sleep(Duration.ofHours(1));
		}
		finally {
			running.decrementAndGet();
		}
	}

}
