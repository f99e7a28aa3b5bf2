package dev.supervisor.actuate.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.NoSuchTableException;
import dev.supervisor.core.table.RefreshOutcome;
import dev.supervisor.core.table.TableStatus;

/**
 * Micrometer meters of the worker tables of a {@link Supervisor}, read from each table's status
 * when scraped: {@code supervisor.table.keys} (gauge, the keys that have a worker) and
 * {@code supervisor.table.refreshes} (counter, passes by outcome), both tagged {@code table}.
 * <p>
 * Spring Boot may bind meters before the {@code WorkerTable} beans are added to the supervisor,
 * so the meters of tables added later are registered when the application context has been
 * refreshed; a table added by hand after that gets meters on the next {@link #bindAddedTables()}.
 */
public class WorkerTableMetrics implements MeterBinder, ApplicationListener<ContextRefreshedEvent> {

	/** {@code supervisor.table.keys}: how many keys of a table have a worker. */
	public static final String KEYS = "supervisor.table.keys";

	/** {@code supervisor.table.refreshes}: passes over a table's key source, by outcome. */
	public static final String REFRESHES = "supervisor.table.refreshes";

	private static final String TABLE_TAG = "table";

	private static final String OUTCOME_TAG = "outcome";

	private final Supervisor supervisor;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	public WorkerTableMetrics(Supervisor supervisor) {
		this.supervisor = supervisor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		bind(registry);
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		bindAddedTables();
	}

	/**
	 * Register the meters of every table added to the supervisor since the registries were
	 * bound. Registering a table's meters again does nothing.
	 */
	public void bindAddedTables() {
		this.registries.forEach(this::bind);
	}

	private void bind(MeterRegistry registry) {
		for (TableStatus table : this.supervisor.tableStatuses()) {
			String name = table.name();
			Gauge.builder(KEYS, this.supervisor, read(name, (status) -> status.keys().size(), Double.NaN))
				.description("Number of keys of a worker table that have a supervised worker")
				.baseUnit("keys")
				.tag(TABLE_TAG, name)
				.strongReference(true)
				.register(registry);
			for (RefreshOutcome outcome : RefreshOutcome.values()) {
				FunctionCounter.builder(REFRESHES, this.supervisor, read(name, (status) -> status.refreshes(outcome), 0))
					.description("Passes over the key source of a worker table, by outcome")
					.baseUnit("refreshes")
					.tags(TABLE_TAG, name, OUTCOME_TAG, outcome.tagValue())
					.register(registry);
			}
		}
	}

	private static ToDoubleFunction<Supervisor> read(String table, ToDoubleFunction<TableStatus> value,
			double absent) {
		return (supervisor) -> {
			try {
				return value.applyAsDouble(supervisor.tableStatus(table));
			}
			catch (NoSuchTableException ex) {
				return absent;
			}
		};
	}

}
