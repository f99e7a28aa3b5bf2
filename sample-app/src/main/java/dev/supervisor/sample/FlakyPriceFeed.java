package dev.supervisor.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.WorkerContext;

/**
 * A flaky worker: reads a price feed that drops the connection now and then. The supervisor
 * restarts it with exponential backoff; a run that lasts past {@code healthy-after} resets the
 * backoff. Its restart policy comes from {@code supervisor.workers.flaky} in application.yml.
 */
@Component
public class FlakyPriceFeed {

	@Supervised("flaky")
	public void readFeed(WorkerContext context) throws IOException {
		while (context.sleep(Duration.ofSeconds(1))) {
			if (ThreadLocalRandom.current().nextInt(8) == 0) {
				throw new IOException("price feed connection reset");
			}
		}
	}

}
