package dev.supervisor.core.internal;

import java.time.Duration;

/**
 * Durations as nanoseconds without overflow. A {@code long} of nanoseconds holds about 292
 * years; the engine treats any longer duration as that much, which is to say forever, so a
 * huge configured value can never throw inside the engine.
 */
public final class Nanos {

	/** The longest duration the engine computes with: {@link Long#MAX_VALUE} nanoseconds. */
	public static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

	private static final Duration MINUS_FOREVER = FOREVER.negated();

	private Nanos() {
	}

	/**
	 * The duration in nanoseconds, saturated at {@link Long#MAX_VALUE} (and
	 * {@link Long#MIN_VALUE} for negative durations).
	 * @param duration the duration
	 * @return its nanoseconds, never overflowing
	 */
	public static long of(Duration duration) {
		if (duration.compareTo(FOREVER) >= 0) {
			return Long.MAX_VALUE;
		}
		if (duration.compareTo(MINUS_FOREVER) <= 0) {
			return Long.MIN_VALUE;
		}
		return duration.toNanos();
	}

	/**
	 * The duration, or {@link #FOREVER} if it is longer: what a {@link dev.supervisor.core.Scheduler}
	 * is given, so that no implementation has to guard against overflow.
	 * @param duration the duration
	 * @return a duration whose nanoseconds fit in a {@code long}
	 */
	public static Duration capped(Duration duration) {
		return (duration.compareTo(FOREVER) > 0) ? FOREVER : duration;
	}

	/**
	 * {@code a + b}, saturated at {@link Long#MAX_VALUE} and {@link Long#MIN_VALUE}.
	 * @param a a value
	 * @param b another
	 * @return the sum, never wrapping around
	 */
	public static long saturatedAdd(long a, long b) {
		long sum = a + b;
		// Overflow iff both operands have the same sign and the sum's sign differs.
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

}
