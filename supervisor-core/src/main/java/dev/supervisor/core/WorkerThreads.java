package dev.supervisor.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * Thread factories for worker threads. The supervisor names every thread
 * {@code supervisor-<worker>} itself, so any factory will do.
 * <p>
 * Virtual threads exist from Java 21; this class looks them up at runtime so the library still
 * runs on Java 17, where {@link #virtual()} fails with a clear message.
 */
public final class WorkerThreads {

	private static final ThreadFactory VIRTUAL = lookUpVirtualThreadFactory();

	private WorkerThreads() {
	}

	/**
	 * Platform threads, as daemon threads so that a worker that ignores a stop request can never
	 * keep the JVM alive after shutdown.
	 * @return the factory
	 */
	public static ThreadFactory platform() {
		return (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Virtual threads.
	 * @return the factory
	 * @throws UnsupportedOperationException on a JVM without virtual threads (before Java 21)
	 */
	public static ThreadFactory virtual() {
		if (VIRTUAL == null) {
			throw new UnsupportedOperationException("Virtual threads need Java 21 or later; this JVM is Java "
					+ Runtime.version().feature() + ". Use platform threads instead.");
		}
		return VIRTUAL;
	}

	/**
	 * Virtual threads where the JVM has them, else platform threads.
	 * @return the factory
	 */
	public static ThreadFactory virtualIfAvailable() {
		return (VIRTUAL != null) ? VIRTUAL : platform();
	}

	/**
	 * Whether this JVM has virtual threads.
	 * @return {@code true} on Java 21 and later
	 */
	public static boolean virtualThreadsAvailable() {
		return VIRTUAL != null;
	}

	private static @Nullable ThreadFactory lookUpVirtualThreadFactory() {
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
					MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
			MethodHandle factory = lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
			return (ThreadFactory) factory.invoke(ofVirtual.invoke());
		}
		catch (Throwable ex) {
			return null;
		}
	}

}
