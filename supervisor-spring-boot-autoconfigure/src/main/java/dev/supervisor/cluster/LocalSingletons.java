package dev.supervisor.cluster;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.supervisor.core.Lease;
import dev.supervisor.core.Supervisor;

/**
 * Singletons without a lock registry: with {@code supervisor.cluster.mode=local} each runs on
 * this instance as if elected, with a warning, since every other instance runs it too; otherwise
 * start-up fails with a report that says what to add.
 */
public final class LocalSingletons implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LocalSingletons.class);

	/** A lease no instance ever outlives. */
	private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

	private final Supervisor supervisor;

	private final boolean local;

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
		List<String> singletons = SingletonElections.singletons(this.supervisor);
		if (!singletons.isEmpty()) {
			if (!this.local) {
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
			for (String name : singletons) {
				this.supervisor.grantLeadership(name,
						Lease.renewedAt(this.supervisor.scheduler(), FOREVER, this.supervisor.scheduler().nanoTime()));
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
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
