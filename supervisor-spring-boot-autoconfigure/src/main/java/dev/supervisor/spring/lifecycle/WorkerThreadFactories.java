package dev.supervisor.spring.lifecycle;

import java.util.concurrent.ThreadFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;

import dev.supervisor.autoconfigure.SupervisorProperties.Threads;
import dev.supervisor.core.WorkerThreads;

/**
 * Picks the thread factory for worker threads from {@code supervisor.threads}.
 */
public final class WorkerThreadFactories {

	private WorkerThreadFactories() {
	}

	/**
	 * The factory for the given choice.
	 * @param threads the choice; {@code auto} follows {@code spring.threads.virtual.enabled}
	 * on Java 21 and later
	 * @param environment the environment to read {@code spring.threads.virtual.enabled} from
	 * @return daemon platform threads or virtual threads
	 * @throws InvalidConfigurationPropertyValueException if virtual threads are asked for on a JVM
	 * without them
	 */
	public static ThreadFactory forThreads(Threads threads, Environment environment) {
		return switch (threads) {
			case PLATFORM -> WorkerThreads.platform();
			case AUTO -> Threading.VIRTUAL.isActive(environment) ? WorkerThreads.virtual() : WorkerThreads.platform();
			case VIRTUAL -> {
				if (!WorkerThreads.virtualThreadsAvailable()) {
					throw new InvalidConfigurationPropertyValueException("supervisor.threads", "virtual",
							"Virtual threads need Java 21 or later; this is Java "
									+ Runtime.version().feature() + ", so use auto or platform");
				}
				yield WorkerThreads.virtual();
			}
		};
	}

}
