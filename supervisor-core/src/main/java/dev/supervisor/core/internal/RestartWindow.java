package dev.supervisor.core.internal;

import java.util.ArrayDeque;

/**
 * Erlang/OTP's restart intensity: at most {@code maxRestarts} restarts within {@code window}.
 * Keeps the times of the restarts still inside the window, so it holds at most
 * {@code maxRestarts} entries. Not thread-safe: used under the worker's lock.
 */
final class RestartWindow {

	private final int maxRestarts;

	private final long windowNanos;

	private final ArrayDeque<Long> restarts = new ArrayDeque<>();

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
		while (!this.restarts.isEmpty() && now - this.restarts.peekFirst() >= this.windowNanos) {
			this.restarts.pollFirst();
		}
		if (this.restarts.size() >= this.maxRestarts) {
			return -1;
		}
		this.restarts.addLast(now);
		return this.restarts.size();
	}

	void clear() {
		this.restarts.clear();
	}

}
