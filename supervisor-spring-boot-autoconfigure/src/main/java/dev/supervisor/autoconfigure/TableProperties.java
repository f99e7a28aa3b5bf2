package dev.supervisor.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of one worker table: the settings of each of its workers (merged like any worker's,
 * over the table's own settings and {@code supervisor.defaults}), plus how its key source is
 * read.
 */
public class TableProperties extends WorkerProperties {

	/**
	 * Time between the end of one pass over the key source and the start of the next; the
	 * table's own when not set.
	 */
	private @Nullable Duration refresh;

	/**
	 * Maximum time one read of the key source may take; the table's own when not set.
	 */
	private @Nullable Duration readTimeout;

	/**
	 * Maximum number of the table's keys one instance of the cluster leads at once; only with
	 * singleton set to true, where each key is its own singleton. No cap when not set.
	 */
	private @Nullable Integer maxPerInstance;

	/**
	 * Whether the meters of the table's workers are tagged with each worker's name rather than
	 * the table's name; one series per key can be many.
	 */
	private boolean perKeyTags = false;

	public @Nullable Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(@Nullable Duration refresh) {
		this.refresh = refresh;
	}

	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public @Nullable Integer getMaxPerInstance() {
		return this.maxPerInstance;
	}

	public void setMaxPerInstance(@Nullable Integer maxPerInstance) {
		this.maxPerInstance = maxPerInstance;
	}

	public boolean isPerKeyTags() {
		return this.perKeyTags;
	}

	public void setPerKeyTags(boolean perKeyTags) {
		this.perKeyTags = perKeyTags;
	}

}
