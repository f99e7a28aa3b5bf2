package dev.supervisor.core.table;

/**
 * How one pass of a {@link WorkerTable} ended.
 */
public enum RefreshOutcome {

	/** The key source answered and the workers were reconciled with its keys. */
	SUCCESS,

	/** The key source threw; the workers were kept as they were. */
	FAILURE,

	/** The key source did not answer within the read timeout; the workers were kept. */
	TIMEOUT;

	/**
	 * The value used in metric tags and JSON: the constant's name in lower case.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
