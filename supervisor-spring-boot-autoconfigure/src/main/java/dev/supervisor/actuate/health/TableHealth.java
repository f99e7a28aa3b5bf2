package dev.supervisor.actuate.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.TableStatus;

/**
 * The part of the {@code supervisor} health that is about worker tables: a critical table whose
 * key source failed its last {@value #FAILING_AFTER} passes in a row makes the health
 * {@code DOWN}; one failed pass is a blip, not an outage.
 * <p>
 * Details per table: {@code keys} (how many have a worker), {@code consecutiveFailures},
 * {@code critical} and, when the last pass failed, {@code lastError}: the outcome and the
 * exception's class name, never its message (it may hold secrets; the endpoint shows it under
 * its own rules).
 *
 * @param details the details, keyed by table name
 * @param failingCriticalTables the names of the critical tables that keep failing
 */
public record TableHealth(Map<String, Map<String, Object>> details, List<String> failingCriticalTables) {

	/** How many passes in a row must fail before a critical table turns the health DOWN. */
	public static final int FAILING_AFTER = 3;

	/**
	 * The health of every table of a supervisor, now.
	 * @param supervisor the supervisor
	 * @return the tables' health
	 */
	public static TableHealth of(Supervisor supervisor) {
		Map<String, Map<String, Object>> details = new LinkedHashMap<>();
		List<String> failing = new ArrayList<>();
		for (TableStatus table : supervisor.tableStatuses()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("keys", table.keys().size());
			detail.put("critical", table.table().critical());
			detail.put("consecutiveFailures", table.consecutiveFailures());
			if (table.lastError() != null) {
				TableStatus.TableError error = table.lastError();
				detail.put("lastError", (error.type() != null) ? error.outcome().tagValue() + ": " + error.type()
						: error.outcome().tagValue());
			}
			details.put(table.name(), detail);
			if (table.table().critical() && table.consecutiveFailures() >= FAILING_AFTER) {
				failing.add(table.name());
			}
		}
		return new TableHealth(details, failing);
	}

	/**
	 * Whether a critical table keeps failing.
	 * @return {@code true} if the health must be {@code DOWN}
	 */
	public boolean isDown() {
		return !this.failingCriticalTables.isEmpty();
	}

}
