package dev.supervisor.core.process;

import java.io.IOException;

/**
 * A supervised process could not be started: the program was not found or is not executable,
 * or the working directory does not exist. The message carries the operating system's error.
 * Thrown from {@link ProcessWorker#run}, it makes the run {@code FAILED} like any other
 * failure, counted toward the restart limit.
 */
public class ProcessStartException extends IOException {

	private static final long serialVersionUID = 1L;

	public ProcessStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
