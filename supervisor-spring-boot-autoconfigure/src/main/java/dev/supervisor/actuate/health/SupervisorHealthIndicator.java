package dev.supervisor.actuate.health;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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
 * Details: {@code workers}, each worker's name and state (read when the details are first
 * rendered, so a check whose details are not shown costs one pass over the workers and no sort),
 * {@code fatalCriticalWorkers}, the names of the critical workers that were given up; when there are groups, {@code groups} (each
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
		// One pass over the workers that sorts only the few that are given up.
		List<String> fatalCritical = new ArrayList<>();
		for (WorkerStatus status : this.supervisor.statuses((status) -> status.state() == WorkerState.FATAL)) {
			if (status.spec().critical() && !givenUpWithGroup.contains(status.name())) {
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
		builder.withDetail("workers", new WorkerStates(this.supervisor)).withDetail("fatalCriticalWorkers", fatalCritical);
		if (!groups.isEmpty()) {
			builder.withDetail("groups", groups).withDetail("fatalCriticalGroups", fatalCriticalGroups);
		}
		if (!tables.details().isEmpty()) {
			builder.withDetail("tables", tables.details())
				.withDetail("failingCriticalTables", tables.failingCriticalTables());
		}
	}

	/**
	 * Each worker's state by worker name, in name order, read from the supervisor when first used
	 * and kept from then on. Health details are rendered only when they are shown, so a check
	 * whose details nobody sees does not sort and copy every worker's state.
	 */
	private static final class WorkerStates extends AbstractMap<String, WorkerState> {

		private final Supervisor supervisor;

		private volatile @Nullable Map<String, WorkerState> states;

		WorkerStates(Supervisor supervisor) {
			this.supervisor = supervisor;
		}

		@Override
		public Set<Entry<String, WorkerState>> entrySet() {
			Map<String, WorkerState> read = this.states;
			if (read == null) {
				Map<String, WorkerState> byName = new LinkedHashMap<>();
				for (WorkerStatus status : this.supervisor.statuses()) {
					byName.put(status.name(), status.state());
				}
				read = Collections.unmodifiableMap(byName);
				this.states = read;
			}
			return read.entrySet();
		}

	}

}
