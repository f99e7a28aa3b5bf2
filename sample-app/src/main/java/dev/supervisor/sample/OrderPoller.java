package dev.supervisor.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.WorkerContext;

/**
 * A steady worker: polls for new orders every two seconds until it is asked to stop.
 * A method annotated {@code @Supervised} taking the {@link WorkerContext}.
 */
@Component
public class OrderPoller {

	private static final Logger logger = LoggerFactory.getLogger(OrderPoller.class);

	private final AtomicLong polls = new AtomicLong();

	@Supervised("poller")
	public void poll(WorkerContext context) {
		logger.info("Polling for orders (attempt {})", context.attempt());
		while (context.sleep(Duration.ofSeconds(2))) {
			long count = this.polls.incrementAndGet();
			if (count % 15 == 0) {
				logger.info("Polled {} times, no new orders", count);
			}
		}
	}

}
