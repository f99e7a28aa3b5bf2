package dev.supervisor.benchmarks.startup;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Times the last lifecycle phase of a context start, in which the supervisor starts its workers:
 * from this bean's start, one phase before the supervisor's, to the context's refreshed event,
 * which follows the start of every phase. Present in every configuration alike.
 */
@Component
class LifecycleTimer implements SmartLifecycle, ApplicationListener<ContextRefreshedEvent> {

	private static volatile long lastPhaseNanos;

	private volatile long startedAt;

	private volatile boolean running;

	/** Duration of the last context's last lifecycle phase, in nanoseconds. */
	static long lastPhaseNanos() {
		return lastPhaseNanos;
	}

	@Override
	public void start() {
		this.startedAt = System.nanoTime();
		this.running = true;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		lastPhaseNanos = System.nanoTime() - this.startedAt;
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
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

}
