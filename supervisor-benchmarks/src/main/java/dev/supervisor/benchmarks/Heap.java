package dev.supervisor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap, read after full collections so only reachable objects count.
 */
final class Heap {

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private Heap() {
	}

	/**
	 * Collect until the used heap stops shrinking, then report it.
	 * @return the bytes of heap in use after collection
	 */
	static long usedAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			sleepQuietly(20);
			long now = memory.getHeapMemoryUsage().getUsed();
			if (now >= used - 1024 && i >= 2) {
				return Math.min(now, used);
			}
			used = Math.min(used, now);
		}
		return used;
	}

	static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
