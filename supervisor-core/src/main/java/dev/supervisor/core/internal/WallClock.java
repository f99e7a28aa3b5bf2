package dev.supervisor.core.internal;

import java.time.Instant;

import dev.supervisor.core.Scheduler;

/**
 * Wall-clock timestamps derived from the monotonic clock: the scheduler's {@code now()} is read
 * at most about once a second, and every instant in between is that reading plus the
 * nanoseconds elapsed since. A restart then costs one clock reading instead of three, and the
 * start, end and duration of a run agree exactly. Drift between the two clocks is bounded by
 * what accumulates in one second, because the base is taken again when it is a second old.
 * Thread-safe: the base is an immutable pair behind a volatile field, shared by every worker
 * of one supervisor.
 */
public final class WallClock {

	private static final long REFRESH_NANOS = 1_000_000_000L;

	private final Scheduler scheduler;

	private volatile Base base;

	public WallClock(Scheduler scheduler) {
		this.scheduler = scheduler;
		this.base = new Base(scheduler.now(), scheduler.nanoTime());
	}

	/**
	 * The wall-clock time of a reading of the scheduler's monotonic clock.
	 * @param nanos a value of {@link Scheduler#nanoTime()}, taken just now
	 * @return its wall-clock instant
	 */
	public Instant at(long nanos) {
		Base current = this.base;
		long since = nanos - current.nanos;
		if (since > -REFRESH_NANOS && since < REFRESH_NANOS) {
			return current.wall.plusNanos(since);
		}
		Base fresh = new Base(this.scheduler.now(), this.scheduler.nanoTime());
		this.base = fresh;
		return fresh.wall.plusNanos(nanos - fresh.nanos);
	}

	/**
	 * The wall-clock time now.
	 * @return now
	 */
	public Instant now() {
		return at(this.scheduler.nanoTime());
	}

	private record Base(Instant wall, long nanos) {
	}

}
