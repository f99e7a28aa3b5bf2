package dev.supervisor.core;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * Thrown when a worker name is not registered with the supervisor.
 */
public class NoSuchWorkerException extends NoSuchElementException {

	private static final long serialVersionUID = 1L;

	private final String workerName;

	public NoSuchWorkerException(String workerName, Collection<String> knownWorkers) {
		super("Worker '" + workerName + "' is not registered; known workers: " + new TreeSet<>(knownWorkers));
		this.workerName = workerName;
	}

	/**
	 * The name that was looked up.
	 * @return the unknown name
	 */
	public String getWorkerName() {
		return this.workerName;
	}

}
