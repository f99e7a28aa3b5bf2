package dev.supervisor.core;

import java.time.Duration;
import java.util.Objects;

import dev.supervisor.core.internal.Nanos;

/**
 * Delay before each automatic restart: exponential from {@code initial} by {@code multiplier}
 * up to {@code max}, spread by {@code jitter}.
 * <p>
 * The delay before restart number {@code n} (counted from 0 since the last healthy run) is
 * {@code min(max, initial * multiplier^n)}, multiplied by a random factor in
 * {@code [1 - jitter, 1 + jitter]} and capped again at {@code max}. A multiplier of 1 gives a
 * fixed delay; a jitter of 0 gives no randomness. Durations longer than about 292 years (what
 * a {@code long} of nanoseconds holds) count as that long: forever.
 */
public final class Backoff {

	/** The built-in default: 1s, doubling up to 1m, with 20% jitter. */
	public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.2);

	private final Duration initial;

	private final Duration max;

	private final double multiplier;

	private final double jitter;

	/** {@link #initial} and {@link #max} in nanoseconds, saturated, computed once. */
	private final double initialNanos;

	private final double maxNanos;

	private Backoff(Duration initial, Duration max, double multiplier, double jitter) {
		this.initial = initial;
		this.max = max;
		this.multiplier = multiplier;
		this.jitter = jitter;
		this.initialNanos = Nanos.of(initial);
		this.maxNanos = Nanos.of(max);
	}

	/**
	 * Create a backoff, validating each value.
	 * @param initial the first delay, zero or more
	 * @param max the largest delay, at least {@code initial}
	 * @param multiplier the growth factor, 1 or more
	 * @param jitter the random spread as a fraction, from 0 to 1
	 * @return the backoff
	 * @throws IllegalArgumentException naming the value that is out of range
	 */
	public static Backoff of(Duration initial, Duration max, double multiplier, double jitter) {
		Objects.requireNonNull(initial, "backoff.initial must not be null");
		Objects.requireNonNull(max, "backoff.max must not be null");
		check(!initial.isNegative(), "backoff.initial", initial, "zero or more");
		check(!max.isNegative(), "backoff.max", max, "zero or more");
		check(max.compareTo(initial) >= 0, "backoff.max", max, "at least backoff.initial (" + initial + ")");
		check(Double.isFinite(multiplier) && multiplier >= 1.0, "backoff.multiplier", multiplier, "1.0 or more");
		check(Double.isFinite(jitter) && jitter >= 0.0 && jitter <= 1.0, "backoff.jitter", jitter,
				"from 0.0 to 1.0");
		return new Backoff(initial, max, multiplier, jitter);
	}

	/**
	 * The same delay before every restart, without jitter.
	 * @param delay the delay
	 * @return the backoff
	 */
	public static Backoff fixed(Duration delay) {
		return of(delay, delay, 1.0, 0.0);
	}

	/**
	 * No delay at all before a restart.
	 * @return the backoff
	 */
	public static Backoff none() {
		return fixed(Duration.ZERO);
	}

	private static void check(boolean valid, String field, Object value, String allowed) {
		if (!valid) {
			throw new InvalidSettingException(field, value,
					"Invalid " + field + ": " + value + " (allowed: " + allowed + ")");
		}
	}

	/**
	 * The delay before a restart.
	 * @param step how many restarts came before this one since the last reset, from 0
	 * @param random a random number in {@code [0, 1)} that picks the jitter
	 * @return the delay, never more than {@link #max()}
	 */
	public Duration delay(int step, double random) {
		double nanos = this.initialNanos;
		if (step > 0 && this.multiplier != 1.0 && nanos > 0) {
			nanos *= Math.pow(this.multiplier, step);
		}
		nanos = Math.min(this.maxNanos, nanos);
		if (this.jitter > 0) {
			nanos = Math.min(this.maxNanos, nanos * (1.0 + this.jitter * (2.0 * random - 1.0)));
		}
		// A double beyond Long.MAX_VALUE converts to Long.MAX_VALUE: never a negative delay.
		return Duration.ofNanos((long) nanos);
	}

	public Duration initial() {
		return this.initial;
	}

	public Duration max() {
		return this.max;
	}

	public double multiplier() {
		return this.multiplier;
	}

	public double jitter() {
		return this.jitter;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Backoff that) && this.initial.equals(that.initial) && this.max.equals(that.max)
				&& this.multiplier == that.multiplier && this.jitter == that.jitter;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.initial, this.max, this.multiplier, this.jitter);
	}

	@Override
	public String toString() {
		return "Backoff[initial=" + this.initial + ", max=" + this.max + ", multiplier=" + this.multiplier
				+ ", jitter=" + this.jitter + "]";
	}

}
