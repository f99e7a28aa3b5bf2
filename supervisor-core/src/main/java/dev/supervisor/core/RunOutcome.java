package dev.supervisor.core;

import java.util.Locale;

/**
 * How a run of a worker ended.
 */
public enum RunOutcome {

	/** The worker returned normally without a stop request. */
	COMPLETED,

	/** The worker threw without a stop request (a panic). */
	FAILED,

	/** The worker ended after a stop was requested, whatever it returned or threw. */
	STOPPED;

	/**
	 * The lower-case name used in metric tags and JSON, such as {@code failed}.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
