package dev.supervisor.core.event;

import java.time.Instant;

/**
 * This instance lost the leadership of a cluster singleton; a running worker is asked to stop
 * and waits in {@code STANDBY} once it has.
 *
 * @param worker the worker name
 * @param reason why the leadership ended
 * @param at when
 */
public record LeadershipRevokedEvent(String worker, Reason reason, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' lost leadership ("
				+ ((this.reason == Reason.LEASE_EXPIRED) ? "its lease expired without renewal" : "revoked") + ")";
	}

	/**
	 * Why a leadership ended.
	 */
	public enum Reason {

		/** The leadership was revoked, or yielded, by whoever granted it. */
		REVOKED,

		/** The lease was not renewed in time; this instance can no longer be sure it leads. */
		LEASE_EXPIRED

	}

}
