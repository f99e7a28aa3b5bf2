package dev.supervisor.core;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a worker name is not registered with the supervisor.
 */
public class NoSuchWorkerException extends NoSuchElementException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String workerName;

	public NoSuchWorkerException(@Nullable String workerName, Collection<String> knownWorkers) {
		super(((workerName != null) ? "Worker '" + workerName + "' is not registered"
				: "No worker name was given (null)")
				+ "; known workers: " + new TreeSet<>(knownWorkers));
		this.workerName = workerName;
	}

	/**
	 * The name that was looked up.
	 * @return the unknown name, or {@code null} if none was given
	 */
	public @Nullable String getWorkerName() {
		return this.workerName;
	}

}
