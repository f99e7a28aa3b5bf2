package dev.supervisor.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.supervisor.core.event.WorkerRestartingEvent;

/**
 * A JVM that lets a worker crash ten times under a supervisor built with the default jitter
 * source and prints the ten backoff delays it drew, in milliseconds, on one line.
 */
public final class JitterDrawingMain {

	static final int DRAWS = 10;

	private JitterDrawingMain() {
	}

	public static void main(String[] args) throws Exception {
		ManualScheduler clock = new ManualScheduler();
		BlockingQueue<Duration> delays = new LinkedBlockingQueue<>();
		Supervisor supervisor = Supervisor.builder().scheduler(clock).listener((event) -> {
			if (event instanceof WorkerRestartingEvent restarting) {
				delays.add(restarting.delay());
			}
		}).build();
		supervisor.add(WorkerSpec.builder("crasher", (context) -> {
			throw new IllegalStateException("crash");
		}).maxRestarts(-1).backoff(Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 0.9)).build());
		supervisor.start();
		List<Long> drawn = new ArrayList<>();
		while (drawn.size() < DRAWS) {
			Duration delay = delays.poll(30, TimeUnit.SECONDS);
			if (delay == null) {
				throw new IllegalStateException("No restart within 30s; drawn so far: " + drawn);
			}
			drawn.add(delay.toMillis());
			clock.advance(Duration.ofSeconds(2));
		}
		supervisor.shutdown(Duration.ofSeconds(5));
		System.out.println(drawn);
	}

}
