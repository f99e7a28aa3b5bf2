package dev.supervisor.core.internal;

/**
 * Describes throwables for people, whatever they do.
 */
final class Throwables {

	private Throwables() {
	}

	/**
	 * The simple class name and message of a throwable, even one whose {@code getMessage()}
	 * throws.
	 * @param thrown the throwable
	 * @return such as {@code IOException: connection reset}
	 */
	static String describe(Throwable thrown) {
		String message;
		try {
			message = thrown.getMessage();
		}
		catch (Throwable ex) {
			message = "<getMessage() threw " + ex.getClass().getName() + ">";
		}
		String type = thrown.getClass().getSimpleName();
		return (message != null) ? type + ": " + message : type;
	}

}
