package dev.supervisor.core.event;

import java.time.Duration;

/**
 * Formats durations for people: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 3m}.
 */
final class Durations {

	private Durations() {
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return (millis % 1000 == 0) ? (millis / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
		}
		long seconds = duration.toSeconds();
		return (seconds % 60 == 0) ? (seconds / 60) + "m" : (seconds / 60) + "m" + (seconds % 60) + "s";
	}

}
