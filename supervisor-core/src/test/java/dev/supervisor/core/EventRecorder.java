package dev.supervisor.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.supervisor.core.event.SupervisorEvent;

/**
 * A listener that keeps every event it receives.
 */
final class EventRecorder implements SupervisorListener {

	private final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void onEvent(SupervisorEvent event) {
		this.events.add(event);
	}

	List<SupervisorEvent> all() {
		return List.copyOf(this.events);
	}

	<E extends SupervisorEvent> List<E> ofType(Class<E> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
