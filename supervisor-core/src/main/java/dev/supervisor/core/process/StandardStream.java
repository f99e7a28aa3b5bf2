package dev.supervisor.core.process;

import java.util.Locale;

/**
 * The output stream a line of a process came from.
 */
public enum StandardStream {

	/** Standard output, logged at INFO. */
	STDOUT,

	/** Standard error, logged at WARN. */
	STDERR;

	/**
	 * The lower-case name used in JSON and thread names, such as {@code stdout}.
	 * @return the name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
