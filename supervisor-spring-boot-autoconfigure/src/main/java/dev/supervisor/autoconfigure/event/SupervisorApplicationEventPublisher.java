package dev.supervisor.autoconfigure.event;

import org.springframework.context.ApplicationEventPublisher;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerReadyEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

/**
 * Re-publishes every supervisor event as a {@link SupervisorApplicationEvent}, so that beans
 * can {@code @EventListener} them.
 */
public final class SupervisorApplicationEventPublisher implements SupervisorListener {

	private final Supervisor supervisor;

	private final ApplicationEventPublisher publisher;

	public SupervisorApplicationEventPublisher(Supervisor supervisor, ApplicationEventPublisher publisher) {
		this.supervisor = supervisor;
		this.publisher = publisher;
	}

	@Override
	public void onEvent(SupervisorEvent event) {
		this.publisher.publishEvent(wrap(event));
	}

	private SupervisorApplicationEvent wrap(SupervisorEvent event) {
		Supervisor source = this.supervisor;
		if (event instanceof WorkerStartedEvent started) {
			return new WorkerStartedApplicationEvent(source, started);
		}
		if (event instanceof WorkerExitedEvent exited) {
			return new WorkerExitedApplicationEvent(source, exited);
		}
		if (event instanceof WorkerRestartingEvent restarting) {
			return new WorkerRestartingApplicationEvent(source, restarting);
		}
		if (event instanceof RestartLimitBreachedEvent breached) {
			return new WorkerFatalApplicationEvent(source, breached);
		}
		if (event instanceof WorkerStateChangedEvent changed) {
			return (changed.to() == WorkerState.STOPPED) ? new WorkerStoppedApplicationEvent(source, changed)
					: new WorkerStateChangedApplicationEvent(source, changed);
		}
		if (event instanceof WorkerReadyEvent ready) {
			return new WorkerReadyApplicationEvent(source, ready);
		}
		if (event instanceof GroupRestartingEvent restarting) {
			return new GroupRestartingApplicationEvent(source, restarting);
		}
		if (event instanceof GroupFatalEvent fatal) {
			return new GroupFatalApplicationEvent(source, fatal);
		}
		if (event instanceof WorkerAddedEvent added) {
			return new WorkerAddedApplicationEvent(source, added);
		}
		if (event instanceof WorkerRemovedEvent removed) {
			return new WorkerRemovedApplicationEvent(source, removed);
		}
		throw new IllegalArgumentException("Unknown supervisor event type: " + event.getClass().getName());
	}

}
