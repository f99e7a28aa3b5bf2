package dev.supervisor.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads start, stop, restart, remove and add workers at once, on the real clock,
 * while the workers crash, complete or run until stopped. A recording listener then checks the
 * engine's promises: never two runs of one worker at once, every start paired with one exit,
 * one removal per addition, and final states that match the last state events.
 */
class ConcurrentControlTest {

	private static final int THREADS = 4;

	private static final int OPERATIONS_PER_THREAD = 3_000;

	private static final List<String> NAMES = List.of("crasher-1", "crasher-2", "completer-1", "completer-2",
			"sleeper-1", "sleeper-2");

	private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

	private final AtomicInteger overlaps = new AtomicInteger();

	private final Map<String, List<SupervisorEvent>> events = new ConcurrentHashMap<>();

	@Test
	void controlFromManyThreadsKeepsEveryWorkerInvariant() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.shutdownTimeout(Duration.ofSeconds(30))
			.listener((event) -> this.events.computeIfAbsent(event.worker(), (name) -> new CopyOnWriteArrayList<>())
				.add(event))
			.build();
		for (String name : NAMES) {
			supervisor.add(spec(name));
		}
		supervisor.start();
		List<Thread> controllers = new ArrayList<>();
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread controller = new Thread(() -> control(supervisor, unexpected), "controller-" + t);
			controllers.add(controller);
			controller.start();
		}
		for (Thread controller : controllers) {
			controller.join(TimeUnit.MINUTES.toMillis(3));
			assertThat(controller.isAlive()).as("%s ended", controller.getName()).isFalse();
		}

		ShutdownResult result = supervisor.shutdown();

		assertThat(unexpected).isEmpty();
		assertThat(result.isClean()).isTrue();
		assertThat(this.overlaps).as("runs of one worker at once").hasValue(0);
		for (String name : NAMES) {
			List<SupervisorEvent> heard = List.copyOf(this.events.getOrDefault(name, List.of()));
			assertEventsOfOneName(name, heard, supervisor.contains(name));
			if (supervisor.contains(name)) {
				WorkerState finalState = supervisor.status(name).state();
				assertThat(finalState).as("state of %s after shutdown", name).isEqualTo(WorkerState.STOPPED);
				assertThat(lastStateChange(heard)).as("last state event of %s", name).isEqualTo(finalState);
			}
		}
	}

	private void control(Supervisor supervisor, List<Throwable> unexpected) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
			String name = NAMES.get(random.nextInt(NAMES.size()));
			try {
				switch (random.nextInt(6)) {
					case 0 -> supervisor.start(name);
					case 1 -> supervisor.stop(name);
					case 2 -> supervisor.restart(name);
					case 3 -> supervisor.remove(name);
					case 4 -> supervisor.add(spec(name));
					default -> supervisor.status(name);
				}
			}
			catch (NoSuchWorkerException | DuplicateWorkerException ex) {
				// Another thread removed or added it first: allowed.
			}
			catch (Throwable ex) {
				unexpected.add(ex);
			}
		}
	}

	private WorkerSpec spec(String name) {
		AtomicInteger active = this.running.computeIfAbsent(name, (key) -> new AtomicInteger());
		Worker body;
		if (name.startsWith("crasher")) {
			body = (context) -> {
				throw new IllegalStateException("crash");
			};
		}
		else if (name.startsWith("completer")) {
			body = (context) -> Thread.onSpinWait();
		}
		else {
			body = (context) -> context.sleep(Duration.ofHours(1));
		}
		return WorkerSpec.builder(name, (context) -> {
			if (active.incrementAndGet() > 1) {
				this.overlaps.incrementAndGet();
			}
			try {
				body.run(context);
			}
			finally {
				active.decrementAndGet();
			}
		})
			.restart(RestartPolicy.ALWAYS)
			.maxRestarts(WorkerSpec.UNLIMITED_RESTARTS)
			.backoff(Backoff.of(Duration.ZERO, Duration.ofMillis(2), 2.0, 0.5))
			.build();
	}

	/**
	 * Each incarnation of a name begins with its addition and, unless it is still registered,
	 * ends with its removal; inside it, starts and exits alternate, beginning with a start.
	 */
	private static void assertEventsOfOneName(String name, List<SupervisorEvent> heard, boolean registered) {
		int added = 0;
		int removed = 0;
		boolean inRun = false;
		boolean alive = false;
		for (SupervisorEvent event : heard) {
			if (event instanceof WorkerAddedEvent) {
				assertThat(alive).as("%s added while already registered", name).isFalse();
				alive = true;
				added++;
			}
			else if (event instanceof WorkerRemovedEvent) {
				assertThat(alive).as("%s removed while not registered", name).isTrue();
				assertThat(inRun).as("%s removed during a run", name).isFalse();
				alive = false;
				removed++;
			}
			else if (event instanceof WorkerStartedEvent) {
				assertThat(inRun).as("%s started during a run", name).isFalse();
				inRun = true;
			}
			else if (event instanceof WorkerExitedEvent) {
				assertThat(inRun).as("%s exited without a run", name).isTrue();
				inRun = false;
			}
			else {
				assertThat(alive).as("%s had an event while not registered: %s", name, event).isTrue();
			}
		}
		assertThat(inRun).as("%s ended in a run", name).isFalse();
		assertThat(removed).as("removals of %s", name).isEqualTo(registered ? added - 1 : added);
	}

	private static WorkerState lastStateChange(List<SupervisorEvent> heard) {
		WorkerState last = WorkerState.STOPPED;
		for (SupervisorEvent event : heard) {
			if (event instanceof WorkerStateChangedEvent change) {
				last = change.to();
			}
			else if (event instanceof WorkerAddedEvent) {
				last = WorkerState.STOPPED;
			}
		}
		return last;
	}

}
