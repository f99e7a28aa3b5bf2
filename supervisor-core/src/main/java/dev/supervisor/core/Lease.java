package dev.supervisor.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The local proof that this instance still holds a cluster singleton's leadership: valid for
 * {@link #validity()} after its last renewal, measured by the monotonic clock of a
 * {@link Scheduler}.
 * <p>
 * Whoever holds the distributed lock renews the lease each time it renews the lock, with the
 * time the renewal <em>began</em> (a renewal that took a while still counts from its start, as
 * the lock's own time-to-live does at worst). The validity should be the lock's time-to-live
 * minus a safety margin, so the lease runs out before any other instance could take the lock.
 * <p>
 * A lease is checked, never pushed: a worker's {@link WorkerContext#isStopRequested()} is true
 * from the first instant the lease is no longer valid, whether or not any thread noticed. A
 * process paused by a debugger, a long GC or {@code SIGSTOP} therefore sees its stop request
 * as soon as it resumes, before its next side effect.
 * <p>
 * Thread safety: renewals and checks may come from any thread.
 */
public final class Lease {

	private final Scheduler clock;

	private final long validityNanos;

	private volatile long renewedAtNanos;

	/** Set by {@link #end()}: no renewal makes the lease valid again. */
	private volatile boolean ended;

	private Lease(Scheduler clock, Duration validity, long renewedAtNanos) {
		this.clock = clock;
		this.validityNanos = validity.toNanos();
		this.renewedAtNanos = renewedAtNanos;
	}

	/**
	 * A lease renewed at the given time.
	 * @param clock the clock that measures the lease; the supervisor's scheduler
	 * @param validity how long the lease is valid after each renewal: positive, at most what
	 * nanoseconds hold
	 * @param renewedAtNanos when the lock was acquired, on {@code clock}'s {@link Scheduler#nanoTime()}
	 * @return the lease
	 * @throws IllegalArgumentException if the validity is not positive or too large
	 */
	public static Lease renewedAt(Scheduler clock, Duration validity, long renewedAtNanos) {
		Objects.requireNonNull(clock, "clock must not be null");
		if (validity == null || validity.isNegative() || validity.isZero()
				|| validity.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
			throw new IllegalArgumentException(
					"Invalid lease validity: " + validity + " (allowed: a positive duration of at most 292 years)");
		}
		return new Lease(clock, validity, renewedAtNanos);
	}

	/**
	 * The current time on the lease's clock: take it before trying to renew the lock, and pass
	 * it to {@link #renew(long)} if the renewal succeeded.
	 * @return the time in nanoseconds
	 */
	public long now() {
		return this.clock.nanoTime();
	}

	/**
	 * Record a successful renewal that began at {@code renewedAtNanos}. An older time than the
	 * last renewal's is ignored, so renewals reported out of order never shorten the lease.
	 * @param renewedAtNanos when the renewal began, from {@link #now()}
	 */
	public void renew(long renewedAtNanos) {
		synchronized (this) {
			if (!this.ended && renewedAtNanos - this.renewedAtNanos > 0) {
				this.renewedAtNanos = renewedAtNanos;
			}
		}
	}

	/**
	 * Whether the lease is still valid: less than {@link #validity()} has passed since the last
	 * renewal.
	 * @return {@code true} while valid
	 */
	public boolean isValid() {
		return !this.ended && this.clock.nanoTime() - this.renewedAtNanos < this.validityNanos;
	}

	/**
	 * How long the lease stays valid without another renewal.
	 * @return the remaining time, zero once expired
	 */
	public Duration remaining() {
		if (this.ended) {
			return Duration.ZERO;
		}
		long remaining = this.validityNanos - (this.clock.nanoTime() - this.renewedAtNanos);
		return (remaining > 0) ? Duration.ofNanos(remaining) : Duration.ZERO;
	}

	/**
	 * End the lease now, as a revoked leadership does: it is invalid from this instant on, and
	 * renewals are ignored. Everything that shares the lease (the members of a singleton group)
	 * sees its stop requested at once.
	 */
	public void end() {
		this.ended = true;
	}

	/**
	 * How long the lease is valid after each renewal.
	 * @return the validity
	 */
	public Duration validity() {
		return Duration.ofNanos(this.validityNanos);
	}

	@Override
	public String toString() {
		return "Lease[validity=" + validity() + ", remaining=" + remaining() + "]";
	}

}
