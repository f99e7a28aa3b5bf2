package dev.supervisor.spring.diagnostics;

/**
 * A worker is declared wrongly: {@code @Supervised} on a method with the wrong parameters, on a
 * class that is neither a {@code Worker} nor a {@code Runnable}, two workers of one name, or an
 * attribute value outside what is allowed. The message names the bean and, for methods, the
 * method.
 */
public class InvalidWorkerDefinitionException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception.
	 * @param message what is wrong, naming the bean and method
	 * @param action how to fix it
	 */
	public InvalidWorkerDefinitionException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * Create an exception with a cause.
	 * @param message what is wrong, naming the bean and method
	 * @param action how to fix it
	 * @param cause the cause
	 */
	public InvalidWorkerDefinitionException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	public String getAction() {
		return this.action;
	}

}
