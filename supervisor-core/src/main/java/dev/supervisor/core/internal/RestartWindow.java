package dev.supervisor.core.internal;

/**
 * Erlang/OTP's restart intensity: at most {@code maxRestarts} restarts within {@code window}.
 * Keeps the times of the restarts still inside the window as primitive timestamps in a ring
 * that grows on demand, so it never holds more than {@code maxRestarts} of them, and nothing
 * when the worker restarts rarely. Not thread-safe: used under the worker's lock.
 */
final class RestartWindow {

	private static final int INITIAL_CAPACITY = 8;

	private static final long[] NONE = new long[0];

	private final int maxRestarts;

	private final long windowNanos;

	/** Restart times, oldest at {@link #head}; a ring of {@link #size} entries. */
	private long[] times = NONE;

	private int head;

	private int size;

	/**
	 * @param maxRestarts the limit, or a negative number for none
	 * @param windowNanos the window, positive; {@link Long#MAX_VALUE} for one that never ends
	 */
	RestartWindow(int maxRestarts, long windowNanos) {
		this.maxRestarts = maxRestarts;
		this.windowNanos = windowNanos;
	}

	/**
	 * Record a restart at {@code now} if the limit allows it.
	 * @param now the monotonic time in nanoseconds
	 * @return the restart's number within the window (from 1), {@code 0} when restarts are
	 * unlimited, or {@code -1} if one more restart would exceed the limit
	 */
	int tryRestart(long now) {
		if (this.maxRestarts < 0) {
			return 0;
		}
		// Differences, never sums, so that a window of Long.MAX_VALUE cannot overflow.
		while (this.size > 0 && now - this.times[this.head] >= this.windowNanos) {
			this.head = next(this.head);
			this.size--;
		}
		if (this.size >= this.maxRestarts) {
			return -1;
		}
		if (this.size == this.times.length) {
			grow();
		}
		this.times[(this.head + this.size) % this.times.length] = now;
		this.size++;
		return this.size;
	}

	void clear() {
		this.head = 0;
		this.size = 0;
	}

	/** How many restart times are held now. */
	int size() {
		return this.size;
	}

	/** How many restart times fit before the ring grows again. */
	int capacity() {
		return this.times.length;
	}

	private int next(int index) {
		return (index + 1 == this.times.length) ? 0 : index + 1;
	}

	/** Double the ring, never beyond {@code maxRestarts} entries, keeping the oldest first. */
	private void grow() {
		int capacity = (int) Math.min(this.maxRestarts, Math.max(INITIAL_CAPACITY, 2L * this.times.length));
		long[] grown = new long[capacity];
		for (int i = 0; i < this.size; i++) {
			grown[i] = this.times[(this.head + i) % this.times.length];
		}
		this.times = grown;
		this.head = 0;
	}

}
