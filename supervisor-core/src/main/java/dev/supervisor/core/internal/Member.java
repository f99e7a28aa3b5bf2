package dev.supervisor.core.internal;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * What a group needs of one of its members, a worker or a nested group. A group calls these
 * methods without holding its own lock.
 */
public interface Member {

	String name();

	/**
	 * Whether the member is running, starting or stopping, and not only waiting for the group
	 * to restart it: the group stops such a member before restarting it.
	 * @return {@code true} if it has to be stopped
	 */
	boolean needsStop();

	/**
	 * Whether the member is doing or about to do something (a worker in an active state, a
	 * group not stopped and not given up).
	 * @return {@code true} if active
	 */
	boolean isActive();

	/**
	 * Whether the member is active other than waiting in {@code STANDBY}: running, starting,
	 * stopping or waiting for a restart.
	 * @return {@code true} if a lost leadership has to stop it
	 */
	boolean isWorking();

	/**
	 * Stop the member because its singleton group lost its leadership: it waits in
	 * {@code STANDBY} afterwards. Returns without waiting.
	 */
	void standByForGroup();

	/**
	 * Whether the next member may start after this one.
	 * @param awaitReady whether a worker must have called {@code ready()}
	 * @return {@code true} when up
	 */
	boolean isUp(boolean awaitReady);

	/**
	 * Whether, under one-for-one, the member is restarted alone by {@link #resumeByGroup()} after
	 * its backoff, independently of the group's plan (a worker), or through the plan (a nested
	 * group that gave up).
	 * @return {@code true} for a worker
	 */
	boolean restartsItself();

	/** Restart the member if it still waits for its group to restart it; else do nothing. */
	void resumeByGroup();

	/** Join a group; from now on the group decides the member's restarts. */
	void joinGroup(GroupRunner group);

	/** An explicit start, resetting attempts and limits. */
	void startByGroup();

	/** An automatic restart, keeping attempts and limits. */
	void restartByGroup();

	/** Request a stop; returns without waiting. */
	void stopByGroup();

	/** Give the member up because its group gave up. */
	void giveUpByGroup();

	/**
	 * Stop at once and wait for the member to end, within a deadline: the supervisor's
	 * shutdown.
	 * @param remainingNanos how much of the shutdown's budget is left, asked before each wait
	 * @param stuck told of each worker whose thread is still alive when the budget is spent
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	void stopAndAwait(LongSupplier remainingNanos, BiConsumer<String, Thread> stuck) throws InterruptedException;

}
