package dev.supervisor.actuate.health;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStatus;

/**
 * Health of a {@link Supervisor}: {@code UP} unless a critical worker or a critical group is
 * {@code FATAL}, or the key source of a critical worker table keeps failing
 * ({@link TableHealth}), then {@code DOWN}. A non-critical worker never turns the health
 * {@code DOWN}, whatever its state. A worker given up because its group was given up counts as
 * the group does: a non-critical group's members do not turn the health {@code DOWN} either.
 * <p>
 * Details: {@code workers}, each worker's name and state, {@code fatalCriticalWorkers}, the names
 * of the critical workers that were given up; when there are groups, {@code groups} (each
 * group's state) and {@code fatalCriticalGroups}; with worker tables, {@code tables} and
 * {@code failingCriticalTables}.
 */
public class SupervisorHealthIndicator extends AbstractHealthIndicator {

	private final Supervisor supervisor;

	public SupervisorHealthIndicator(Supervisor supervisor) {
		super("Supervisor health check failed");
		this.supervisor = supervisor;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, GroupState> groups = new LinkedHashMap<>();
		List<String> fatalCriticalGroups = new ArrayList<>();
		Set<String> givenUpWithGroup = new HashSet<>();
		for (GroupStatus group : this.supervisor.groupStatuses()) {
			groups.put(group.name(), group.state());
			if (group.state() == GroupState.FATAL) {
				givenUpWithGroup.addAll(group.members());
				if (group.spec().critical()) {
					fatalCriticalGroups.add(group.name());
				}
			}
		}
		Map<String, WorkerState> states = new LinkedHashMap<>();
		List<String> fatalCritical = new ArrayList<>();
		for (WorkerStatus status : this.supervisor.statuses()) {
			states.put(status.name(), status.state());
			if (status.state() == WorkerState.FATAL && status.spec().critical()
					&& !givenUpWithGroup.contains(status.name())) {
				fatalCritical.add(status.name());
			}
		}
		TableHealth tables = TableHealth.of(this.supervisor);
		if (fatalCritical.isEmpty() && fatalCriticalGroups.isEmpty() && !tables.isDown()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("workers", states).withDetail("fatalCriticalWorkers", fatalCritical);
		if (!groups.isEmpty()) {
			builder.withDetail("groups", groups).withDetail("fatalCriticalGroups", fatalCriticalGroups);
		}
		if (!tables.details().isEmpty()) {
			builder.withDetail("tables", tables.details())
				.withDetail("failingCriticalTables", tables.failingCriticalTables());
		}
	}

}
