package dev.supervisor.core.group;

import java.util.Locale;

/**
 * What a group restarts when one member's run ends and its restart policy restarts it,
 * after Erlang/OTP's supervisor strategies.
 */
public enum GroupStrategy {

	/** Only that member, with its own backoff; the others keep running. */
	ONE_FOR_ONE,

	/**
	 * Every member: the others are stopped in reverse start order, then all start again in
	 * order.
	 */
	ONE_FOR_ALL,

	/**
	 * That member and the members listed after it: those are stopped in reverse order and
	 * started again in order; the members before it keep running.
	 */
	REST_FOR_ONE;

	/**
	 * The name used in configuration, metrics and the endpoint.
	 * @return {@code one-for-one}, {@code one-for-all} or {@code rest-for-one}
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
