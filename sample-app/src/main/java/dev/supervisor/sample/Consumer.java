package dev.supervisor.sample;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.WorkerContext;

/**
 * A replicated worker: {@code instances: 3} in {@code application.yml} runs three
 * independently supervised copies, {@code consumer-1} to {@code consumer-3}, each told which it
 * is.
 */
@Component
public class Consumer {

	private static final Logger logger = LoggerFactory.getLogger(Consumer.class);

	@Supervised("consumer")
	void consume(WorkerContext context) {
		while (context.sleep(Duration.ofSeconds(15))) {
			logger.info("Consumer {} polled its partition", context.instance());
		}
	}

}
