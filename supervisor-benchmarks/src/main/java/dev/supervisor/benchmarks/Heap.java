package dev.supervisor.benchmarks;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Retained heap, counted exactly: the JVM's class histogram of live objects (the
 * {@code GC.class_histogram} diagnostic command, which runs a full collection first). Unlike the
 * used-heap figure of a memory pool, it does not depend on the collector's region accounting.
 */
final class Heap {

	/** Bytes of platform {@code Thread} objects when measuring began. */
	private static final long initialThreadBytes = classBytes(histogram(), "java.lang.Thread");

	private Heap() {
	}

	/**
	 * The bytes of all live objects, after a full collection.
	 * @return the total of the class histogram
	 */
	static long liveBytes() {
		return classBytes(histogram(), "Total");
	}

	/**
	 * The bytes of all live objects and, of them, those of virtual threads' parked stacks
	 * ({@code jdk.internal.vm.StackChunk}), from one histogram. A parked stack's size depends on
	 * whether its frames were compiled when it parked, so it moves with the JIT (and the load),
	 * while the rest does not.
	 * @return both totals
	 */
	static Live live() {
		String histogram = histogram();
		return new Live(classBytes(histogram, "Total"), classBytes(histogram, "jdk.internal.vm.StackChunk"));
	}

	/**
	 * Live heap bytes.
	 * @param total all live objects
	 * @param stacks those of parked virtual threads' stacks
	 */
	record Live(long total, long stacks) {

		long withoutStacks() {
			return this.total - this.stacks;
		}

	}

	private static String histogram() {
		try {
			return (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { null }, new String[] { String[].class.getName() });
		}
		catch (JMException ex) {
			throw new IllegalStateException("Cannot take a class histogram", ex);
		}
	}

	/**
	 * The bytes of one class in a histogram ({@code " 12:  5000  560000  java.lang.Thread"}), or
	 * of all objects for {@code "Total"} ({@code "Total  1234  567890"}).
	 */
	private static long classBytes(String histogram, String name) {
		for (String line : histogram.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if ("Total".equals(name) && fields.length == 3 && fields[0].equals("Total")) {
				return Long.parseLong(fields[2]);
			}
			if (fields.length >= 4 && fields[3].equals(name)) {
				return Long.parseLong(fields[2]);
			}
		}
		return 0;
	}

	/**
	 * Wait until the platform threads of an earlier round are gone from the heap. A joined thread
	 * can take about a second more to be torn down, and until then the JVM keeps its
	 * {@code Thread} reachable, which would count against the next baseline.
	 */
	static void awaitPlatformThreadsGone() {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (classBytes(histogram(), "java.lang.Thread") > initialThreadBytes + 4096
				&& System.nanoTime() < deadline) {
			sleepQuietly(100);
		}
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
