package dev.supervisor.spring.event;

import org.springframework.context.ApplicationEventPublisher;

import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.event.SupervisorEvent;

/**
 * Publishes every supervisor event to the application context as it is, so that beans listen
 * to the engine's own event types: {@code @EventListener(WorkerExitedEvent.class)}.
 */
public final class SupervisorApplicationEventPublisher implements SupervisorListener {

	private final ApplicationEventPublisher publisher;

	public SupervisorApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onEvent(SupervisorEvent event) {
		this.publisher.publishEvent(event);
	}

}
