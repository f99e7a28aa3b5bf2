package dev.supervisor.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.support.locks.LockRegistry;

import dev.supervisor.spring.lifecycle.SupervisorLifecycle;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.event.GroupAddedEvent;
import dev.supervisor.core.event.GroupRemovedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;
import dev.supervisor.core.group.GroupStatus;

/**
 * Elects every singleton, worker or group, through the application's {@link LockRegistry}, one
 * {@link SingletonElection} each.
 * <p>
 * Phase: just below {@link SupervisorLifecycle#PHASE}, so elections begin before the supervisor
 * starts its workers and end only after it has stopped them: a graceful shutdown stops the
 * worker first and releases its lock afterwards, and the next instance takes over at once
 * without ever overlapping. During a shutdown each singleton's lock is released as soon as that
 * worker has stopped, without waiting for the other workers.
 * <p>
 * The keys of a worker table with a {@code max-per-instance} are capped: this instance leads at
 * most that many of them at once (see {@link TableCaps}).
 * <p>
 * Singletons added at run time ({@link Supervisor#add} or {@link Supervisor#addGroup}, once the
 * elections have started) are elected from their {@link WorkerAddedEvent} or
 * {@link GroupAddedEvent}; a removed singleton's election ends with its {@link WorkerRemovedEvent}
 * or {@link GroupRemovedEvent}, releasing its lock so another instance may take over. The lock
 * store is checked once, before the first election, whenever that happens.
 * <p>
 * Thread safety: {@link #lock} guards the elections' registry and the running flag, and is
 * never held while waiting for an election to end, since ending one calls back into the
 * supervisor, whose events come back here.
 */
public final class SingletonElections implements SmartLifecycle, SupervisorListener {

	/** The lifecycle phase: start just before the supervisor, stop just after it. */
	public static final int PHASE = SupervisorLifecycle.PHASE - 1;

	/** The longest heartbeat: how often the holder renews its lock when the lease allows. */
	private static final Duration MAX_HEARTBEAT = Duration.ofMillis(500);

	private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(SingletonElections.class);

	private final Supervisor supervisor;

	private final LockRegistry<?> locks;

	private final Duration leaseValidity;

	private final List<ClusterPreflight> preflights;

	private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private final ReentrantLock lock = new ReentrantLock();

	/** The election of each singleton, by worker name; changed under {@link #lock}. */
	private final Map<String, SingletonElection> elections = new ConcurrentHashMap<>();

	/** Whether the lock store passed its checks; written under {@link #lock}. */
	private boolean checked;

	private final TableCaps caps;

	private volatile boolean running;

	/**
	 * Create the elections.
	 * @param supervisor the supervisor of the singletons
	 * @param locks the application's lock registry
	 * @param lockTtl how long the registry's locks live without renewal
	 * @param fencingMargin how much earlier than the lock the lease of a worker ends
	 * @param preflights checks of the lock store, run before the first election
	 */
	public SingletonElections(Supervisor supervisor, LockRegistry<?> locks, Duration lockTtl, Duration fencingMargin,
			List<ClusterPreflight> preflights) {
		this.supervisor = supervisor;
		this.locks = locks;
		this.leaseValidity = lockTtl.minus(fencingMargin);
		this.preflights = List.copyOf(preflights);
		this.caps = new TableCaps(supervisor);
	}

	/**
	 * How often the lock is renewed: often enough that a few renewals fit into each lease.
	 * @return the heartbeat
	 */
	Duration heartbeat() {
		Duration quarter = this.leaseValidity.dividedBy(4);
		return (quarter.compareTo(MAX_HEARTBEAT) < 0) ? quarter : MAX_HEARTBEAT;
	}

	@Override
	public void start() {
		this.lock.lock();
		try {
			if (this.running) {
				return;
			}
			// Listen first: a singleton added from now on is either listed below or heard of.
			this.supervisor.addListener(this);
			List<String> singletons = singletons(this.supervisor);
			if (!singletons.isEmpty()) {
				try {
					check(singletons);
				}
				catch (RuntimeException ex) {
					this.supervisor.removeListener(this);
					throw ex;
				}
				singletons.forEach(this::elect);
				logger.info("Electing singletons " + singletons + " with " + this.locks + " as " + this.instanceId);
			}
			this.running = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void stop() {
		List<SingletonElection> ending;
		this.lock.lock();
		try {
			this.running = false;
			this.supervisor.removeListener(this);
			ending = List.copyOf(this.elections.values());
			this.elections.clear();
		}
		finally {
			this.lock.unlock();
		}
		try {
			for (SingletonElection election : ending) {
				if (!election.stop(RELEASE_TIMEOUT)) {
					logger.warn("Singleton '" + election.worker() + "' still held its lock " + RELEASE_TIMEOUT
							+ " after its election was stopped; another instance takes over once it expires");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Elect singletons added at run time, end the elections of removed ones, and release a
	 * singleton's lock as soon as the shutting-down supervisor has stopped it.
	 */
	@Override
	public void onEvent(SupervisorEvent event) {
		if (event instanceof WorkerAddedEvent added && added.spec().singleton()) {
			added(added.worker());
		}
		else if (event instanceof GroupAddedEvent added && added.spec().singleton()) {
			added(added.group());
		}
		else if (event instanceof WorkerRemovedEvent || event instanceof GroupRemovedEvent) {
			removed(event.worker());
		}
		else if (event instanceof WorkerStateChangedEvent changed && changed.to() == WorkerState.STOPPED
				&& !this.supervisor.isRunning()) {
			SingletonElection election = this.elections.get(changed.worker());
			if (election != null) {
				election.release();
			}
		}
	}

	private void added(String worker) {
		this.lock.lock();
		try {
			if (!this.running || this.elections.containsKey(worker)) {
				return;
			}
			try {
				check(List.of(worker));
			}
			catch (ClusterSetupException ex) {
				logger.error("Singleton '" + worker + "' stays in STANDBY: " + ex.getMessage() + ". " + ex.getAction());
				return;
			}
			elect(worker);
			logger.info("Electing singleton '" + worker + "' with " + this.locks + " as " + this.instanceId);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void removed(String worker) {
		SingletonElection election;
		this.lock.lock();
		try {
			election = this.elections.remove(worker);
		}
		finally {
			this.lock.unlock();
		}
		if (election != null) {
			// The worker has stopped: its lock goes at once, without waiting here.
			election.abandon();
		}
	}

	/** Run the lock store's checks unless they passed before. Call under {@link #lock}. */
	private void check(List<String> singletons) {
		if (!this.checked) {
			this.preflights.forEach((preflight) -> preflight.check(singletons));
			this.checked = true;
		}
	}

	/** Start electing one singleton. Call under {@link #lock}. */
	private void elect(String worker) {
		SingletonElection election = new SingletonElection(worker, this.supervisor, this.locks, this.leaseValidity,
				heartbeat(), this.instanceId, this.caps.permitsFor(worker));
		this.elections.put(worker, election);
		election.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** The singletons to elect: workers, then groups. */
	static List<String> singletons(Supervisor supervisor) {
		Stream<String> workers = supervisor.statuses()
			.stream()
			.filter((status) -> status.spec().singleton())
			.map(WorkerStatus::name);
		Stream<String> groups = supervisor.groupStatuses()
			.stream()
			.filter((status) -> status.spec().singleton())
			.map(GroupStatus::name);
		return Stream.concat(workers, groups).toList();
	}

}
