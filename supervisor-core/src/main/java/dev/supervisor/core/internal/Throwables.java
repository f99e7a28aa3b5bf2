package dev.supervisor.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reads what user code threw without trusting it: a {@code Throwable} may override
 * {@code getMessage()} or {@code toString()} to throw in turn.
 */
public final class Throwables {

	private Throwables() {
	}

	/**
	 * The throwable's message, or a note saying why it could not be read.
	 * @param thrown what user code threw
	 * @return the message, {@code null} if it has none
	 */
	public static @Nullable String messageOf(Throwable thrown) {
		try {
			return thrown.getMessage();
		}
		catch (Throwable ex) {
			return "(message unavailable: getMessage() threw " + ex.getClass().getName() + ")";
		}
	}

	/**
	 * The simple class name and message of a throwable, for a sentence.
	 * @param thrown what user code threw
	 * @return such as {@code IOException: connection reset}
	 */
	public static String describe(Throwable thrown) {
		String message = messageOf(thrown);
		String type = thrown.getClass().getSimpleName();
		return (message != null) ? type + ": " + message : type;
	}

}
