package dev.supervisor.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import dev.supervisor.core.table.TableStatus;

/**
 * One worker table as the {@code supervisor} endpoint shows it: its keys, how its key source is
 * read, and what went wrong last. Values that are absent are {@code null} and left out of the
 * JSON.
 */
public final class TableDescriptor implements OperationResponseBody {

	private final String name;

	private final List<String> keys;

	private final Duration refresh;

	private final Duration readTimeout;

	private final boolean critical;

	private final @Nullable Instant lastRefresh;

	private final @Nullable ErrorDescriptor lastError;

	private final int consecutiveFailures;

	private final Map<String, String> rejectedKeys;

	/**
	 * Describe a table.
	 * @param status the table's status
	 * @param showValues whether to show the message of the last error, which may hold secrets
	 * (such as a connection string); its outcome and type are always shown
	 */
	public TableDescriptor(TableStatus status, boolean showValues) {
		this.name = status.name();
		this.keys = status.keys();
		this.refresh = status.table().refresh();
		this.readTimeout = status.table().readTimeout();
		this.critical = status.table().critical();
		this.lastRefresh = status.lastRefresh();
		this.lastError = (status.lastError() != null) ? new ErrorDescriptor(status.lastError(), showValues) : null;
		this.consecutiveFailures = status.consecutiveFailures();
		this.rejectedKeys = new TreeMap<>(status.rejectedKeys());
	}

	public String getName() {
		return this.name;
	}

	/**
	 * The keys that have a worker, sorted; each worker is named {@code <table>-<key>}.
	 * @return the keys
	 */
	public List<String> getKeys() {
		return this.keys;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public boolean isCritical() {
		return this.critical;
	}

	/**
	 * When the last pass that read the key source ended.
	 * @return the time, or {@code null} if no pass read it yet
	 */
	public @Nullable Instant getLastRefresh() {
		return this.lastRefresh;
	}

	/**
	 * Why the last pass could not read the key source.
	 * @return the error, or {@code null} if it could
	 */
	public @Nullable ErrorDescriptor getLastError() {
		return this.lastError;
	}

	public int getConsecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * Keys of the last read that have no worker, each with the reason.
	 * @return key to reason
	 */
	public Map<String, String> getRejectedKeys() {
		return this.rejectedKeys;
	}

	/**
	 * Why a pass could not read the key source.
	 */
	public static final class ErrorDescriptor {

		private final String outcome;

		private final @Nullable String type;

		private final String message;

		private final Instant at;

		ErrorDescriptor(TableStatus.TableError error, boolean showValues) {
			this.outcome = error.outcome().tagValue();
			this.type = error.type();
			this.message = (showValues || error.type() == null) ? error.message() : SupervisorEndpoint.HIDDEN;
			this.at = error.at();
		}

		/**
		 * {@code failure} (the source threw) or {@code timeout}.
		 * @return the outcome
		 */
		public String getOutcome() {
			return this.outcome;
		}

		/**
		 * The class name of what the source threw.
		 * @return the class name, or {@code null} on a timeout
		 */
		public @Nullable String getType() {
			return this.type;
		}

		/**
		 * What happened; hidden ({@code ******}) when it carries what the key source threw and
		 * values are not shown. A timeout's message holds no value and is always shown.
		 * @return the message
		 */
		public String getMessage() {
			return this.message;
		}

		public Instant getAt() {
			return this.at;
		}

	}

}
