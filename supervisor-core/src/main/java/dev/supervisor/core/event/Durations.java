package dev.supervisor.core.event;

import java.time.Duration;

/**
 * Formats durations for people: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 3m}.
 */
final class Durations {

	private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

	private Durations() {
	}

	static String format(Duration duration) {
		if (duration.compareTo(ONE_MINUTE) >= 0) {
			// Seconds, never milliseconds, so that no duration is too long to format.
			long seconds = duration.toSeconds();
			return (seconds % 60 == 0) ? (seconds / 60) + "m" : (seconds / 60) + "m" + (seconds % 60) + "s";
		}
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s"
				: String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
