package dev.supervisor.sample.tenants;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;

/**
 * The worker of one tenant: pretends to synchronise the tenant's data every few seconds until it
 * is asked to stop.
 */
final class TenantSync implements Worker {

	private static final Logger logger = LoggerFactory.getLogger(TenantSync.class);

	private final String tenant;

	TenantSync(String tenant) {
		this.tenant = tenant;
	}

	@Override
	public void run(WorkerContext context) {
		logger.info("Synchronising tenant '{}'", this.tenant);
		while (context.sleep(Duration.ofSeconds(3))) {
			logger.debug("Tenant '{}' is up to date", this.tenant);
		}
		logger.info("Stopped synchronising tenant '{}'", this.tenant);
	}

}
