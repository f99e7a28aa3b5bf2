package dev.supervisor.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.supervisor.core.Lease;
import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.event.GroupAddedEvent;
import dev.supervisor.core.event.GroupRemovedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;

/**
 * Singletons without a lock registry: with {@code supervisor.cluster.mode=local} each runs on
 * this instance as if elected, with a warning, since every other instance runs it too; otherwise
 * start-up fails with a report that says what to add. In local mode a singleton added at run time
 * runs here too; otherwise it stays in {@code STANDBY}, with an error in the log.
 */
public final class LocalSingletons implements SmartLifecycle, SupervisorListener {

	private static final Log logger = LogFactory.getLog(LocalSingletons.class);

	/** A lease no instance ever outlives. */
	private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

	private final Supervisor supervisor;

	private final boolean local;

	/** The singletons run here, so that one both listed and heard of is granted once. */
	private final Set<String> granted = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	/**
	 * Create the fallback.
	 * @param supervisor the supervisor of the singletons
	 * @param local whether {@code supervisor.cluster.mode=local} lets singletons run here
	 */
	public LocalSingletons(Supervisor supervisor, boolean local) {
		this.supervisor = supervisor;
		this.local = local;
	}

	@Override
	public void start() {
		// Listen first: a singleton added from now on is either listed below or heard of.
		this.supervisor.addListener(this);
		List<String> singletons = SingletonElections.singletons(this.supervisor);
		if (!singletons.isEmpty()) {
			if (!this.local) {
				this.supervisor.removeListener(this);
				throw new ClusterSetupException("Workers " + singletons
						+ " are cluster singletons, but the application has no LockRegistry bean to elect them with"
								+ " (or several, none of them primary)",
						"Add spring-integration-jdbc with a DataSource (its INT_LOCK table holds the locks), or define"
								+ " a LockRegistry bean such as a RedisLockRegistry; or, to run singletons on every"
								+ " instance (one instance only, or development), set supervisor.cluster.mode=local",
						null);
			}
			logger.warn("supervisor.cluster.mode=local: singletons " + singletons
					+ " run on this instance without election; every other instance runs them too");
			singletons.forEach(this::runHere);
		}
		this.running = true;
	}

	/**
	 * Run a singleton added at run time here in local mode; without it, say why it waits.
	 */
	@Override
	public void onEvent(SupervisorEvent event) {
		if (event instanceof WorkerRemovedEvent || event instanceof GroupRemovedEvent) {
			this.granted.remove(event.worker());
		}
		else if ((event instanceof WorkerAddedEvent added && added.spec().singleton())
				|| (event instanceof GroupAddedEvent group && group.spec().singleton())) {
			if (this.local) {
				if (runHere(event.worker())) {
					logger.warn("supervisor.cluster.mode=local: singleton '" + event.worker()
							+ "' runs on this instance without election; every other instance runs it too");
				}
			}
			else if (this.running) {
				// Once started: a singleton of the start-up has failed it already.
				logger.error("Singleton '" + event.worker() + "' stays in STANDBY: the application has no"
						+ " LockRegistry bean to elect it with (or several, none of them primary). Add"
						+ " spring-integration-jdbc with a DataSource, or define a LockRegistry bean; or set"
						+ " supervisor.cluster.mode=local");
			}
		}
	}

	/**
	 * Grant a singleton a lease that never ends, once.
	 * @return whether it was granted now, not before
	 */
	private boolean runHere(String name) {
		if (!this.granted.add(name)) {
			return false;
		}
		try {
			this.supervisor.grantLeadership(name,
					Lease.renewedAt(this.supervisor.scheduler(), FOREVER, this.supervisor.scheduler().nanoTime()));
			return true;
		}
		catch (NoSuchWorkerException ex) {
			// Removed meanwhile: nothing to run.
			return false;
		}
	}

	@Override
	public void stop() {
		this.supervisor.removeListener(this);
		this.granted.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SingletonElections.PHASE;
	}

}
