package dev.supervisor.core.group;

/**
 * The states of a group of workers.
 */
public enum GroupState {

	/** Stopped on request, or never started. */
	STOPPED,

	/**
	 * A singleton group waiting for its leadership on this instance: another instance may run
	 * it. Its members wait in {@code STANDBY} too.
	 */
	STANDBY,

	/** Members are being started in order; some are not up yet. */
	STARTING,

	/** Every member was started in order. */
	RUNNING,

	/** The strategy is stopping members in reverse order, or waiting to start them again. */
	RESTARTING,

	/** Members are being stopped in reverse order on request. */
	STOPPING,

	/**
	 * The group's restart limit was breached, or a member that the strategy needs was given up:
	 * the group and its members were given up.
	 */
	FATAL

}
