package dev.supervisor.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerStartedEvent;

/**
 * Stand-in for the Micrometer metrics binder ("metrics on"): on every event it does the
 * counter work the binder will do, incrementing Micrometer counters registered in advance for
 * one worker: starts, stops by outcome, and panics.
 */
final class CountingMetricsListener implements SupervisorListener {

	private final Counter starts;

	private final Counter completed;

	private final Counter failed;

	private final Counter stopped;

	private final Counter panics;

	private final Counter otherEvents;

	CountingMetricsListener(MeterRegistry registry, String worker) {
		this.starts = registry.counter("supervisor.worker.starts", "worker", worker);
		this.completed = registry.counter("supervisor.worker.stops", "worker", worker, "outcome", "completed");
		this.failed = registry.counter("supervisor.worker.stops", "worker", worker, "outcome", "failed");
		this.stopped = registry.counter("supervisor.worker.stops", "worker", worker, "outcome", "stopped");
		this.panics = registry.counter("supervisor.worker.panics", "worker", worker);
		this.otherEvents = registry.counter("benchmark.other.events", "worker", worker);
	}

	@Override
	public void onEvent(SupervisorEvent event) {
		if (event instanceof WorkerStartedEvent) {
			this.starts.increment();
		}
		else if (event instanceof WorkerExitedEvent exited) {
			RunOutcome outcome = exited.outcome();
			switch (outcome) {
				case COMPLETED -> this.completed.increment();
				case FAILED -> {
					this.failed.increment();
					this.panics.increment();
				}
				case STOPPED -> this.stopped.increment();
			}
		}
		else {
			this.otherEvents.increment();
		}
	}

	double starts() {
		return this.starts.count();
	}

}
