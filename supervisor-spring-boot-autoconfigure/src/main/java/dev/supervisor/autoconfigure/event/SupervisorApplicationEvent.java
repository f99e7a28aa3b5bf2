package dev.supervisor.autoconfigure.event;

import org.springframework.context.ApplicationEvent;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.event.SupervisorEvent;

/**
 * Base class of the Spring application events that re-publish the supervisor's events. Listen
 * to this type for every event, or to a subclass for one kind; {@link #getEvent()} carries the
 * engine's event.
 * <p>
 * Events are published synchronously on the thread that caused them, usually the worker's
 * own thread: keep listeners quick, or make them {@code @Async}.
 */
public abstract class SupervisorApplicationEvent extends ApplicationEvent {

	private final SupervisorEvent event;

	protected SupervisorApplicationEvent(Supervisor source, SupervisorEvent event) {
		super(source);
		this.event = event;
	}

	/**
	 * The engine's event.
	 * @return the event
	 */
	public SupervisorEvent getEvent() {
		return this.event;
	}

	/**
	 * The name of the worker the event is about.
	 * @return the worker name
	 */
	public String getWorker() {
		return this.event.worker();
	}

	@Override
	public Supervisor getSource() {
		return (Supervisor) super.getSource();
	}

	@Override
	public String toString() {
		return this.event.toString();
	}

}
