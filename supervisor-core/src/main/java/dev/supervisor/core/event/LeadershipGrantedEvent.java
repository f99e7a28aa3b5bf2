package dev.supervisor.core.event;

import java.time.Duration;
import java.time.Instant;

/**
 * This instance was granted the leadership of a cluster singleton: the worker may run here
 * until the leadership is revoked or its lease expires.
 *
 * @param worker the worker name
 * @param leaseValidity how long the lease stays valid after each renewal
 * @param at when
 */
public record LeadershipGrantedEvent(String worker, Duration leaseValidity, Instant at) implements SupervisorEvent {

	@Override
	public String toString() {
		return "Worker '" + this.worker + "' was granted leadership (lease valid " + Durations.format(this.leaseValidity)
				+ " after each renewal)";
	}

}
