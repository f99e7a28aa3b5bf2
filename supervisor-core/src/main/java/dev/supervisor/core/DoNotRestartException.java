package dev.supervisor.core;

/**
 * Thrown by a {@link Worker} to end its run as {@link RunOutcome#FAILED} and never be
 * restarted automatically, whatever its {@link RestartPolicy}. The worker ends
 * {@link WorkerState#EXITED}.
 */
public class DoNotRestartException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DoNotRestartException(String message) {
		super(message);
	}

	public DoNotRestartException(String message, Throwable cause) {
		super(message, cause);
	}

}
