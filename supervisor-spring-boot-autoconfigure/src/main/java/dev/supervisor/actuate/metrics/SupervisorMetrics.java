package dev.supervisor.actuate.metrics;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.group.GroupStrategy;
import dev.supervisor.core.event.GroupAddedEvent;
import dev.supervisor.core.event.GroupRemovedEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

/**
 * Micrometer meters of a {@link Supervisor}: counters and a timer per worker, fed by the
 * supervisor's events, one gauge per {@link WorkerState} counting the workers in it, and a
 * counter of restarts per group, tagged with its strategy. The workers of a worker table and
 * the copies of a replicated worker share the meters tagged with the table's or replicated
 * worker's name, unless per-key tags are asked for ({@link WorkerTags}). The state gauges share
 * {@link Supervisor#stateCounts()}: one pass over the workers serves one read of each gauge, so a
 * scrape of all of them makes one pass, nothing sorted or copied.
 * <p>
 * A worker's {@value #STARTS} and {@value #RESTART_LIMIT_BREACHES} counters are registered at
 * zero as soon as the worker is known, so rates and increases work from the first scrape; its
 * other meters are registered by their first record, because registering a meter is most of
 * what adding a worker costs. The meters of a worker are removed when the worker is removed.
 * Each base unit repeats the last word of its meter's name, so Prometheus names stay
 * {@code supervisor_worker_starts_total} and the like.
 * <p>
 * {@link #bindTo(MeterRegistry) Binding} subscribes to the supervisor's events; {@link #close()}
 * unsubscribes.
 */
public class SupervisorMetrics implements MeterBinder, SupervisorListener, AutoCloseable {

	/** {@code supervisor.worker.starts}: every run start, automatic or explicit. */
	public static final String STARTS = "supervisor.worker.starts";

	/** {@code supervisor.worker.stops}: every run end, tagged with its outcome. */
	public static final String STOPS = "supervisor.worker.stops";

	/** {@code supervisor.worker.panics}: every failed run, tagged with its exception. */
	public static final String PANICS = "supervisor.worker.panics";

	/** {@code supervisor.worker.restart.limit.breaches}: every time a worker is given up. */
	public static final String RESTART_LIMIT_BREACHES = "supervisor.worker.restart.limit.breaches";

	/** {@code supervisor.worker.run}: durations of finished runs, tagged with their outcome. */
	public static final String RUN = "supervisor.worker.run";

	/** {@code supervisor.worker.leader}: 1 while this instance leads a singleton, else 0. */
	public static final String LEADER = "supervisor.worker.leader";

	/** {@code supervisor.workers}: how many workers are in each state. */
	public static final String WORKERS = "supervisor.workers";

	/** {@code supervisor.group.restarts}: every restart decided by a group's strategy. */
	public static final String GROUP_RESTARTS = "supervisor.group.restarts";

	private static final String GROUP_TAG = "group";

	private static final String STRATEGY_TAG = "strategy";

	private static final String WORKER_TAG = "worker";

	private static final String OUTCOME_TAG = "outcome";

	private static final String EXCEPTION_TAG = "exception";

	private static final String STATE_TAG = "state";

	private final Supervisor supervisor;

	private final boolean runTimer;

	private final WorkerTags workerTags;

	private final List<BoundRegistry> registries = new CopyOnWriteArrayList<>();

	/** The {@code worker} tag of each known worker, fixed when it is added. */
	private final Map<String, String> tags = new ConcurrentHashMap<>();

	/**
	 * Meters of a supervisor, the {@value #RUN} timer included.
	 * @param supervisor the supervisor
	 */
	public SupervisorMetrics(Supervisor supervisor) {
		this(supervisor, true);
	}

	/**
	 * Meters of a supervisor.
	 * @param supervisor the supervisor
	 * @param runTimer whether to register the {@value #RUN} timer; {@code false} when each run
	 * is an observation whose meter handler registers that timer already
	 */
	public SupervisorMetrics(Supervisor supervisor, boolean runTimer) {
		this(supervisor, runTimer, WorkerTags.shared());
	}

	/**
	 * Meters of a supervisor.
	 * @param supervisor the supervisor
	 * @param runTimer whether to register the {@value #RUN} timer; {@code false} when each run
	 * is an observation whose meter handler registers that timer already
	 * @param workerTags the {@code worker} tag of each worker: by default the workers of a table
	 * and the copies of a replicated worker share one, so many keys make one series per meter,
	 * not one per key
	 */
	public SupervisorMetrics(Supervisor supervisor, boolean runTimer, WorkerTags workerTags) {
		this.supervisor = supervisor;
		this.runTimer = runTimer;
		this.workerTags = workerTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		StateCounts counts = new StateCounts(this.supervisor);
		for (WorkerState state : WorkerState.values()) {
			Gauge.builder(WORKERS, counts, (shared) -> shared.count(state))
				.description("Number of supervised workers in each state")
				.baseUnit("workers")
				.tag(STATE_TAG, state.name())
				.strongReference(true)
				.register(registry);
		}
		BoundRegistry bound = new BoundRegistry(registry, this.supervisor);
		boolean first = this.registries.isEmpty();
		this.registries.add(bound);
		if (first) {
			this.supervisor.addListener(this);
		}
		for (WorkerStatus status : this.supervisor.statuses()) {
			bound.meters(tag(status.name()));
		}
		for (GroupStatus group : this.supervisor.groupStatuses()) {
			bound.groupRestarts(group.name(), group.spec().strategy());
			if (group.spec().singleton()) {
				bound.groupLeader(group.name());
			}
		}
	}

	@Override
	public void onEvent(SupervisorEvent event) {
		String tag = workerTag(event);
		for (BoundRegistry bound : this.registries) {
			record(bound, event, tag);
		}
		if (event instanceof WorkerRemovedEvent) {
			this.tags.remove(event.worker());
		}
	}

	/**
	 * The {@code worker} tag of the meters an event counts on, for the events of a worker that
	 * count on its meters; {@code null} for every other event. A group's events name the group,
	 * which no worker lookup knows, and the other events of a worker count on nothing.
	 */
	private @Nullable String workerTag(SupervisorEvent event) {
		if (event instanceof WorkerAddedEvent added) {
			// An added worker's spec comes with its event: no snapshot of its status is needed.
			return tag(added.worker(), added.spec());
		}
		if (event instanceof WorkerStartedEvent || event instanceof WorkerExitedEvent
				|| event instanceof RestartLimitBreachedEvent || event instanceof WorkerRemovedEvent) {
			return tag(event.worker());
		}
		return null;
	}

	/**
	 * Stop listening to the supervisor. Meters already registered stay in their registries.
	 */
	@Override
	public void close() {
		this.supervisor.removeListener(this);
		this.registries.clear();
	}

	private void record(BoundRegistry bound, SupervisorEvent event, @Nullable String tag) {
		String worker = event.worker();
		if (tag == null) {
			recordGroup(bound, event);
		}
		else if (event instanceof WorkerAddedEvent) {
			bound.meters(tag);
		}
		else if (event instanceof WorkerStartedEvent) {
			bound.meters(tag).starts.increment();
		}
		else if (event instanceof WorkerExitedEvent exited) {
			RunRecord run = exited.run();
			WorkerMeters meters = bound.meters(tag);
			meters.stops(run.outcome()).increment();
			if (this.runTimer) {
				meters.run(run.outcome()).record(run.duration());
			}
			if (run.outcome() == RunOutcome.FAILED && run.exception() != null) {
				meters.panics(run.exception()).increment();
			}
		}
		else if (event instanceof RestartLimitBreachedEvent) {
			bound.meters(tag).breaches.increment();
		}
		else if (event instanceof WorkerRemovedEvent) {
			// The worker's last event: its name is taken again only after listeners heard it, so
			// a successor under the same name registers fresh meters after these are gone. The
			// meters of a table outlive each of its workers.
			if (tag.equals(worker)) {
				bound.remove(worker);
			}
		}
	}

	/** The events that count on no worker's meters: a group's, and the rest, which count nowhere. */
	private void recordGroup(BoundRegistry bound, SupervisorEvent event) {
		if (event instanceof GroupRestartingEvent restarting) {
			bound.groupRestarts(restarting.group(), restarting.strategy()).increment();
		}
		else if (event instanceof GroupAddedEvent added && added.spec().singleton()) {
			bound.groupLeader(added.group());
		}
		else if (event instanceof GroupRemovedEvent removed) {
			bound.removeGroupLeader(removed.group());
		}
	}

	/**
	 * The {@code worker} tag of a worker, as {@link WorkerTags} decides. Decided when the worker
	 * is first seen (its added event, when its table already claims it) and kept until it is
	 * removed, so the events of a worker being removed count where its earlier ones did.
	 */
	private String tag(String worker) {
		String known = this.tags.get(worker);
		if (known != null) {
			return known;
		}
		WorkerSpec spec;
		try {
			spec = this.supervisor.status(worker).spec();
		}
		catch (NoSuchWorkerException ex) {
			spec = null;
		}
		return tag(worker, spec);
	}

	private String tag(String worker, @Nullable WorkerSpec spec) {
		String known = this.tags.get(worker);
		if (known != null) {
			return known;
		}
		String tag = (spec != null) ? this.workerTags.tag(spec, this.supervisor.tableOf(worker)) : worker;
		String raced = this.tags.putIfAbsent(worker, tag);
		return (raced != null) ? raced : tag;
	}

	/**
	 * The worker counts the state gauges of one registry share. A pass over the workers serves at
	 * most one read of each state: the first gauge read again takes a new pass. So a scrape, which
	 * reads every gauge once, makes one pass instead of one per state, and no gauge ever shows a
	 * count older than its own previous read.
	 */
	private static final class StateCounts {

		private final Supervisor supervisor;

		/** The last pass; guarded by {@code this}. */
		private Map<WorkerState, Integer> counts = Map.of();

		/** The states already read from {@link #counts}; guarded by {@code this}. */
		private final Set<WorkerState> read = EnumSet.allOf(WorkerState.class);

		StateCounts(Supervisor supervisor) {
			this.supervisor = supervisor;
		}

		synchronized int count(WorkerState state) {
			if (!this.read.add(state)) {
				this.counts = this.supervisor.stateCounts();
				this.read.clear();
				this.read.add(state);
			}
			return this.counts.get(state);
		}

	}

	/**
	 * One registry and the meters of each worker in it, registered once per worker rather than
	 * looked up again on every event.
	 */
	private static final class BoundRegistry {

		private final MeterRegistry registry;

		private final Supervisor supervisor;

		private final Map<String, WorkerMeters> workers = new ConcurrentHashMap<>();

		private final Map<String, Counter> groupRestarts = new ConcurrentHashMap<>();

		private final Map<String, Gauge> groupLeaders = new ConcurrentHashMap<>();

		BoundRegistry(MeterRegistry registry, Supervisor supervisor) {
			this.registry = registry;
			this.supervisor = supervisor;
		}

		Counter groupRestarts(String group, GroupStrategy strategy) {
			return this.groupRestarts.computeIfAbsent(group, (name) -> Counter.builder(GROUP_RESTARTS)
				.description("Restarts decided by a group's strategy after a member's run ended")
				.baseUnit("restarts")
				.tag(GROUP_TAG, name)
				.tag(STRATEGY_TAG, strategy.displayName())
				.register(this.registry));
		}

		WorkerMeters meters(String worker) {
			return this.workers.computeIfAbsent(worker, (name) -> {
				WorkerMeters meters = new WorkerMeters(this.registry, name);
				if (isSingleton(this.supervisor, name)) {
					meters.track(leaderGauge(name));
				}
				return meters;
			});
		}

		/** The leader gauge of a singleton group, tagged with the group's name. */
		void groupLeader(String group) {
			this.groupLeaders.computeIfAbsent(group, this::leaderGauge);
		}

		void removeGroupLeader(String group) {
			this.groupLeaders.computeIfPresent(group, (name, gauge) -> {
				this.registry.remove(gauge.getId());
				return null;
			});
		}

		/** Workers and groups share one namespace, so a group's series is tagged like a worker's. */
		private Gauge leaderGauge(String name) {
			return Gauge.builder(LEADER, this.supervisor, (supervisor) -> leader(supervisor, name))
				.description("Whether this instance leads a cluster singleton: 1 leader, 0 standby")
				.baseUnit("leader")
				.tag(WORKER_TAG, name)
				.strongReference(true)
				.register(this.registry);
		}

		/**
		 * Remove exactly the meters registered for the worker. Runs atomically with
		 * {@link #meters(String)} for the same name, so a worker added again under the name gets
		 * meters registered after the removal, never ones being removed.
		 */
		void remove(String worker) {
			this.workers.computeIfPresent(worker, (name, meters) -> {
				meters.removeFrom(this.registry);
				return null;
			});
		}

	}

	/**
	 * The meters of one worker in one registry. Starts and breaches exist at zero from the start,
	 * so rates and increases work from the first scrape; a stop counter, run timer or panic
	 * counter appears with the first run of its outcome or exception.
	 */
	private static final class WorkerMeters {

		private final MeterRegistry registry;

		private final String worker;

		final Counter starts;

		final Counter breaches;

		private final Map<RunOutcome, Counter> stops = new ConcurrentHashMap<>();

		private final Map<RunOutcome, Timer> runs = new ConcurrentHashMap<>();

		private final Map<String, Counter> panics = new ConcurrentHashMap<>();

		/** Every meter registered for this worker, so that removal needs no registry scan. */
		private final List<Meter> registered = new CopyOnWriteArrayList<>();

		WorkerMeters(MeterRegistry registry, String worker) {
			this.registry = registry;
			this.worker = worker;
			this.starts = track(Counter.builder(STARTS)
				.description("Runs of a supervised worker that started, automatic restarts included")
				.baseUnit("starts")
				.tag(WORKER_TAG, worker)
				.register(registry));
			this.breaches = track(Counter.builder(RESTART_LIMIT_BREACHES)
				.description("Times a supervised worker exceeded its restart limit and was given up")
				.baseUnit("breaches")
				.tag(WORKER_TAG, worker)
				.register(registry));
		}

		void removeFrom(MeterRegistry registry) {
			for (Meter meter : this.registered) {
				registry.remove(meter.getId());
			}
		}

		private <M extends Meter> M track(M meter) {
			this.registered.add(meter);
			return meter;
		}

		Counter stops(RunOutcome outcome) {
			return this.stops.computeIfAbsent(outcome, (key) -> track(Counter.builder(STOPS)
				.description("Runs of a supervised worker that ended, by outcome")
				.baseUnit("stops")
				.tag(WORKER_TAG, this.worker)
				.tag(OUTCOME_TAG, key.tagValue())
				.register(this.registry)));
		}

		Timer run(RunOutcome outcome) {
			// A timer's base unit is the registry's time unit (seconds for Prometheus).
			return this.runs.computeIfAbsent(outcome, (key) -> track(Timer.builder(RUN)
				.description("Duration of finished runs of a supervised worker, by outcome")
				.tag(WORKER_TAG, this.worker)
				.tag(OUTCOME_TAG, key.tagValue())
				.register(this.registry)));
		}

		Counter panics(String exception) {
			return this.panics.computeIfAbsent(exception, (key) -> track(Counter.builder(PANICS)
				.description("Runs of a supervised worker that failed with an exception, by exception class")
				.baseUnit("panics")
				.tag(WORKER_TAG, this.worker)
				.tag(EXCEPTION_TAG, key)
				.register(this.registry)));
		}

	}

	private static boolean isSingleton(Supervisor supervisor, String worker) {
		// A table's or replicated worker's shared tag names no worker: asked without the
		// exception, which would list every known name.
		if (!supervisor.contains(worker)) {
			return false;
		}
		try {
			return supervisor.status(worker).spec().singleton();
		}
		catch (NoSuchWorkerException ex) {
			return false;
		}
	}

	private static double leader(Supervisor supervisor, String singleton) {
		try {
			return supervisor.isLeader(singleton) ? 1 : 0;
		}
		catch (NoSuchWorkerException ex) {
			return Double.NaN;
		}
	}

}
