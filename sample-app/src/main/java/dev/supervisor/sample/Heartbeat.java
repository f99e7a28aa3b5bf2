package dev.supervisor.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;

/**
 * A class-level worker: a plain {@link Runnable} bean. A stop request interrupts its thread,
 * which ends the sleep and the loop.
 */
@Component
@Supervised("heartbeat")
public class Heartbeat implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	@Override
	public void run() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				Thread.sleep(10_000);
				logger.info("Still alive");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
