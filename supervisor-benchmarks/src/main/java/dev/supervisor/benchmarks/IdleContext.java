package dev.supervisor.benchmarks;

import java.time.Duration;

import dev.supervisor.core.WorkerContext;

/**
 * The context a bare loop hands its worker: never stopped, sleeping for real.
 */
final class IdleContext implements WorkerContext {

	private final String name;

	IdleContext(String name) {
		this.name = name;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int attempt() {
		return 0;
	}

	@Override
	public boolean isStopRequested() {
		return false;
	}

	@Override
	public boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
