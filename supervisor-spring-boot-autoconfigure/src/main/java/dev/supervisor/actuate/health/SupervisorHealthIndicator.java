package dev.supervisor.actuate.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;

/**
 * Health of a {@link Supervisor}: {@code UP} unless a critical worker is {@link WorkerState#FATAL}
 * or the key source of a critical worker table keeps failing ({@link TableHealth}), then
 * {@code DOWN}. A non-critical worker never turns the health {@code DOWN}, whatever its
 * state.
 * <p>
 * Details: {@code workers}, each worker's name and state, and {@code fatalCriticalWorkers},
 * the names of the critical workers that were given up; with worker tables, {@code tables} and
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
		Map<String, WorkerState> states = new LinkedHashMap<>();
		List<String> fatalCritical = new ArrayList<>();
		for (WorkerStatus status : this.supervisor.statuses()) {
			states.put(status.name(), status.state());
			if (status.state() == WorkerState.FATAL && status.spec().critical()) {
				fatalCritical.add(status.name());
			}
		}
		TableHealth tables = TableHealth.of(this.supervisor);
		if (fatalCritical.isEmpty() && !tables.isDown()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("workers", states).withDetail("fatalCriticalWorkers", fatalCritical);
		if (!tables.details().isEmpty()) {
			builder.withDetail("tables", tables.details())
				.withDetail("failingCriticalTables", tables.failingCriticalTables());
		}
	}

}
