package dev.supervisor.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Cluster singletons cannot work as configured: no {@code LockRegistry} to elect them with, or
 * a lock table that the database does not have. The message says what is missing and the
 * action what to add.
 */
public class ClusterSetupException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception.
	 * @param message what is missing, naming the singletons
	 * @param action how to fix it
	 * @param cause the cause, or {@code null}
	 */
	public ClusterSetupException(String message, String action, @Nullable Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	public String getAction() {
		return this.action;
	}

}
