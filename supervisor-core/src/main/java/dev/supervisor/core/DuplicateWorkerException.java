package dev.supervisor.core;

/**
 * Thrown when a worker is added under a name that is already registered.
 */
public class DuplicateWorkerException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String workerName;

	public DuplicateWorkerException(String workerName, String reason) {
		super("Worker '" + workerName + "' " + reason);
		this.workerName = workerName;
	}

	/**
	 * The name that was added twice.
	 * @return the name
	 */
	public String getWorkerName() {
		return this.workerName;
	}

}
