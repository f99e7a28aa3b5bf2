package dev.supervisor.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.support.locks.LockRegistry;

import dev.supervisor.spring.lifecycle.SupervisorLifecycle;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

/**
 * Elects every singleton worker through the application's {@link LockRegistry}, one
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
 * Singletons are those registered when the application starts; one added later at run time is
 * not elected and stays in {@code STANDBY}.
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

	private final List<SingletonElection> elections = new CopyOnWriteArrayList<>();

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
		synchronized (this.elections) {
			if (this.running) {
				return;
			}
			List<String> singletons = singletons(this.supervisor);
			if (!singletons.isEmpty()) {
				this.preflights.forEach((preflight) -> preflight.check(singletons));
				for (String name : singletons) {
					SingletonElection election = new SingletonElection(name, this.supervisor, this.locks,
							this.leaseValidity, heartbeat(), this.instanceId, this.caps.permitsFor(name));
					this.elections.add(election);
					election.start();
				}
				logger.info("Electing singletons " + singletons + " with " + this.locks + " as " + this.instanceId);
				this.supervisor.addListener(this);
			}
			this.running = true;
		}
	}

	@Override
	public void stop() {
		synchronized (this.elections) {
			try {
				for (SingletonElection election : this.elections) {
					if (!election.stop(RELEASE_TIMEOUT)) {
						logger.warn("Singleton '" + election.worker() + "' still held its lock " + RELEASE_TIMEOUT
								+ " after its election was stopped; another instance takes over once it expires");
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.supervisor.removeListener(this);
				this.elections.clear();
				this.running = false;
			}
		}
	}

	/**
	 * Release a singleton's lock as soon as the shutting-down supervisor has stopped it.
	 */
	@Override
	public void onEvent(SupervisorEvent event) {
		if (event instanceof WorkerStateChangedEvent changed && changed.to() == WorkerState.STOPPED
				&& !this.supervisor.isRunning()) {
			for (SingletonElection election : this.elections) {
				if (election.worker().equals(changed.worker())) {
					election.release();
				}
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	static List<String> singletons(Supervisor supervisor) {
		return supervisor.statuses()
			.stream()
			.filter((status) -> status.spec().singleton())
			.map(WorkerStatus::name)
			.toList();
	}

}
