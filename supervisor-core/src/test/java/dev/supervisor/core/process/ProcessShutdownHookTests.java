package dev.supervisor.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessShutdownHookTests {

	@TempDir
	Path directory;

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void registersOneHookThatStopsEveryLiveProcessAndRefusesNewOnes() {
		List<Thread> hooks = new CopyOnWriteArrayList<>();
		ProcessShutdownHook hook = new ProcessShutdownHook(hooks::add);
		ProcessWorker first = supervise(hook, "first");
		ProcessWorker second = supervise(hook, "second");
		long firstPid = await().until(first::snapshot, ProcessSnapshot::alive).pid();
		long secondPid = await().until(second::snapshot, ProcessSnapshot::alive).pid();
		assertThat(hooks).singleElement().extracting(Thread::getName).isEqualTo("supervisor-process-shutdown");

		hooks.get(0).run();

		assertThat(Pids.isRunning(firstPid)).isFalse();
		assertThat(Pids.isRunning(secondPid)).isFalse();
		for (String name : List.of("first", "second")) {
			await().until(() -> this.supervisor.status(name).state() == WorkerState.EXITED);
			assertThat(this.supervisor.status(name).lastExit().outcome()).isEqualTo(RunOutcome.FAILED);
			assertThat(this.supervisor.status(name).lastExit().message())
				.isEqualTo("Process '" + name + "' was not started: the JVM is shutting down");
		}
		assertThat(first.snapshot().signalName()).isEqualTo("SIGTERM");
	}

	@Test
	void waitsForAProcessBeingStartedAndStopsItWithTheOthers() throws Exception {
		List<Thread> hooks = new CopyOnWriteArrayList<>();
		ProcessShutdownHook hook = new ProcessShutdownHook(hooks::add);
		ProcessTree first = startTree(hook);
		assertThat(hook.beginStart()).isTrue();
		Thread shutdown = new Thread(hooks.get(0)::run, "test-shutdown");
		shutdown.start();
		// The hook has refused new starts but waits for the one in flight.
		await().until(() -> !hook.beginStart());
		assertThat(shutdown.isAlive()).isTrue();

		// The process of the start in flight, registered only now, as a slow worker thread would.
		Process late = new ProcessBuilder("sleep", "1000").start();
		ProcessTree lateTree = new ProcessTree("late", late, Duration.ofMillis(500),
				LoggerFactory.getLogger(ProcessShutdownHookTests.class), ProcessSessions.supported());
		assertThat(hook.register(lateTree)).isTrue();
		hook.endStart();

		shutdown.join(Duration.ofSeconds(30).toMillis());
		assertThat(shutdown.isAlive()).isFalse();
		assertThat(Pids.isRunning(late.pid())).isFalse();
		assertThat(Pids.isRunning(first.pid())).isFalse();
	}

	@Test
	void aJvmToldToStopWhileItsFirstProcessIsStartingStopsThatProcess() throws Exception {
		List<Thread> hooks = new CopyOnWriteArrayList<>();
		ProcessShutdownHook hook = new ProcessShutdownHook(hooks::add);
		assertThat(hook.beginStart()).isTrue();
		// Before the first process exists: a JVM that stops now runs the hook, which waits for it.
		assertThat(hooks).singleElement().extracting(Thread::getName).isEqualTo("supervisor-process-shutdown");
		Thread shutdown = new Thread(hooks.get(0)::run, "test-shutdown");
		shutdown.start();
		await().until(() -> !hook.beginStart());

		Process first = new ProcessBuilder("sleep", "1000").start();
		ProcessTree tree = new ProcessTree("first", first, Duration.ofMillis(500),
				LoggerFactory.getLogger(ProcessShutdownHookTests.class), ProcessSessions.supported());
		try {
			assertThat(hook.register(tree)).isTrue();
			hook.endStart();

			shutdown.join(Duration.ofSeconds(30).toMillis());
			assertThat(shutdown.isAlive()).isFalse();
			assertThat(Pids.isRunning(first.pid())).isFalse();
		}
		finally {
			first.destroyForcibly();
		}
	}

	private static ProcessTree startTree(ProcessShutdownHook hook) throws IOException {
		assertThat(hook.beginStart()).isTrue();
		try {
			Process process = new ProcessBuilder("sleep", "1000").start();
			ProcessTree tree = new ProcessTree("first", process, Duration.ofMillis(500),
					LoggerFactory.getLogger(ProcessShutdownHookTests.class), ProcessSessions.supported());
			assertThat(hook.register(tree)).isTrue();
			return tree;
		}
		finally {
			hook.endStart();
		}
	}

	@Test
	void stopsEveryProcessTreeWhenTheJvmIsTerminated() throws Exception {
		Path pidFile = this.directory.resolve("pids");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ProcessKeepingMain.class.getName(), pidFile.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("jvm.log").toFile())
			.start();
		List<Long> pids = List.of();
		try {
			pids = await().atMost(Duration.ofSeconds(30)).until(() -> readPids(pidFile), Objects::nonNull);
			assertThat(pids).hasSize(4).allMatch(Pids::isRunning);

			jvm.destroy();

			assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(pids).noneMatch(Pids::isRunning);
		}
		finally {
			jvm.destroyForcibly();
			pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		}
	}

	private ProcessWorker supervise(ProcessShutdownHook hook, String name) {
		ProcessWorker worker = new ProcessWorker(ProcessSpec.builder(name, "sleep", "1000").build(), Clock.systemUTC(),
				hook);
		this.supervisor.add(worker.workerSpec().backoff(Backoff.none()).build());
		this.supervisor.start();
		return worker;
	}

	private static List<Long> readPids(Path pidFile) throws IOException {
		return Files.exists(pidFile) ? Files.readAllLines(pidFile).stream().map(Long::valueOf).toList() : null;
	}

	private static ConditionFactory await() {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
	}

}
