package dev.supervisor.autoconfigure.diagnostics;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A {@code supervisor.*} property holds a value outside what is allowed.
 */
public class InvalidSupervisorPropertyException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String allowed;

	/**
	 * Create an exception.
	 * @param property the full property key, such as {@code supervisor.defaults.backoff.multiplier}
	 * @param value the bad value
	 * @param allowed what would have been accepted
	 */
	public InvalidSupervisorPropertyException(String property, @Nullable Object value, String allowed) {
		super("Invalid value '" + describe(value) + "' for property '" + property + "' (allowed: " + allowed + ")");
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	/**
	 * Show a value the way it is written in configuration: durations such as {@code -1s}
	 * rather than {@code PT-1S}.
	 * @param value the value
	 * @return the text
	 */
	public static String describe(@Nullable Object value) {
		if (value instanceof Duration duration) {
			return describe(duration);
		}
		return String.valueOf(value);
	}

	private static String describe(Duration duration) {
		if (duration.getSeconds() > 86_400L * 365 * 100 || duration.getSeconds() < -86_400L * 365 * 100) {
			return duration.toString();
		}
		long nanos = duration.toNanos();
		long[] sizes = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L };
		String[] units = { "d", "h", "m", "s", "ms", "us" };
		for (int i = 0; i < sizes.length; i++) {
			if (nanos != 0 && nanos % sizes[i] == 0) {
				return (nanos / sizes[i]) + units[i];
			}
		}
		return (nanos != 0) ? nanos + "ns" : "0s";
	}

	public String getProperty() {
		return this.property;
	}

	public @Nullable Object getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}
