package dev.supervisor.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No process started by a process worker outlives its run, its stop or the JVM's SIGTERM,
 * whatever shape its tree takes. Each shape writes the pids of the processes that used to
 * escape to the file named by {@code $PIDS}.
 */
class ProcessEscapeTests {

	@TempDir
	Path directory;

	private final Supervisor supervisor = Supervisor.builder().shutdownTimeout(Duration.ofSeconds(10)).build();

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	static Stream<Arguments> shapesStoppedByRequest() {
		// The second argument says whether the escaping process exists before the stop.
		return Stream.of(
				Arguments.of("fork in a TERM trap", false,
						"trap 'sleep 1000 & echo $! >> \"$PIDS\"; exit 0' TERM; echo ready; "
								+ "while true; do sleep 0.1; done"),
				Arguments.of("double fork", true, "(sleep 1000 & echo $! >> \"$PIDS\"); echo ready; sleep 1000"),
				Arguments.of("grandchild ignoring TERM", true,
						"sh -c 'trap \"\" TERM; sleep 1000 & echo $! >> \"$PIDS\"; wait' & echo ready; wait"),
				Arguments.of("child that left the process group", true,
						"perl -e '$|=1; setpgrp(0,0); print STDOUT qq($$\\n); sleep 1000' >> \"$PIDS\" & echo ready; wait"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapesStoppedByRequest")
	void noProcessSurvivesAStop(String shape, boolean beforeStop, String script) throws Exception {
		assumeTrue(ProcessSessions.supported(), "sessions need Linux with /proc and setsid");
		if (script.startsWith("perl") || script.contains("perl -e")) {
			assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "perl makes a process leave its group");
		}
		Path pids = this.directory.resolve("pids");
		ProcessWorker worker = supervise(script, pids, RestartPolicy.ON_FAILURE);
		awaitOutput(worker, "ready");
		if (beforeStop) {
			List<Long> escapees = awaitPids(pids);
			assertThat(escapees).isNotEmpty().allMatch(Pids::isRunning);
		}

		this.supervisor.stop("shape");

		await().until(() -> this.supervisor.status("shape").state() == WorkerState.STOPPED);
		List<Long> all = readPids(pids);
		assertThat(all).as("pids written by '%s'", shape).isNotEmpty().noneMatch(Pids::isRunning);
	}

	@Test
	void aRootThatExitsByItselfLeavesNoBackgroundChildAndNoOutputThread() throws Exception {
		assumeTrue(ProcessSessions.supported(), "sessions need Linux with /proc and setsid");
		Path pids = this.directory.resolve("pids");
		ProcessWorker worker = supervise("sleep 1000 & echo $! >> \"$PIDS\"; exit 1", pids, RestartPolicy.NEVER);

		await().until(() -> this.supervisor.status("shape").state() == WorkerState.EXITED);

		List<Long> children = readPids(pids);
		assertThat(children).hasSize(1).noneMatch(Pids::isRunning);
		assertThat(worker.snapshot().exitCode()).isEqualTo(1);
		await().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
			.noneMatch((name) -> name.startsWith("supervisor-shape-std")));
	}

	@Test
	void aRootThatExitsByItselfEveryRunLeavesNothingBehindRunAfterRun() throws Exception {
		assumeTrue(ProcessSessions.supported(), "sessions need Linux with /proc and setsid");
		Path pids = this.directory.resolve("pids");
		supervise("sleep 1000 & echo $! >> \"$PIDS\"; exit 1", pids, RestartPolicy.ALWAYS);

		List<Long> children = await().until(() -> readPids(pids), (found) -> found.size() >= 5);
		this.supervisor.stop("shape");
		await().until(() -> this.supervisor.status("shape").state() == WorkerState.STOPPED);

		assertThat(readPids(pids)).containsAll(children).noneMatch(Pids::isRunning);
	}

	@Test
	void startsEachProcessAsTheLeaderOfItsOwnSession() throws Exception {
		assumeTrue(ProcessSessions.supported(), "sessions need Linux with /proc and setsid");
		ProcessWorker worker = supervise("echo ready; sleep 1000", this.directory.resolve("pids"),
				RestartPolicy.NEVER);
		awaitOutput(worker, "ready");
		long pid = worker.snapshot().pid();

		assertThat(ProcessSessions.sessionOf(pid)).contains(pid);
		assertThat(ProcessSessions.sessionOf(ProcessHandle.current().pid())).isNotEqualTo(Optional.of(pid));
	}

	@Test
	void noProcessSurvivesTheJvmsSigterm() throws Exception {
		assumeTrue(ProcessSessions.supported(), "sessions need Linux with /proc and setsid");
		Path pids = this.directory.resolve("pids");
		Path ready = this.directory.resolve("ready");
		Path jvmLog = this.directory.resolve("jvm.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				EscapingProcessesMain.class.getName(), pids.toString(), ready.toString())
			.redirectErrorStream(true)
			.redirectOutput(jvmLog.toFile())
			.start();
		List<Long> escapees = List.of();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ready));
			escapees = readPids(pids);
			assertThat(escapees).hasSize(EscapingProcessesMain.ESCAPEES).allMatch(Pids::isRunning);
			// Watched by handle: over the seconds below a pid may be reused by another process.
			List<ProcessHandle> handles = escapees.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
			assertThat(handles).hasSize(EscapingProcessesMain.ESCAPEES);

			jvm.destroy();

			assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
			// The last signals were sent as the JVM ended; on a loaded machine a child may take a
			// moment to die after that. One that survives still fails after the bound.
			List<Long> started = escapees;
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(readPids(pids)).containsAll(started);
				assertThat(handles).as(() -> survivors(handles) + "\nwhat the JVM printed:\n" + read(jvmLog))
					.noneMatch(Pids::isRunning);
			});
		}
		finally {
			jvm.destroyForcibly();
			for (long pid : readPids(pids)) {
				ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
	}

	/** What {@code /proc} says of each process still running: the lines that explain a failure. */
	private static String survivors(List<ProcessHandle> handles) {
		StringBuilder text = new StringBuilder("still running:");
		for (ProcessHandle handle : handles) {
			if (Pids.isRunning(handle)) {
				text.append("\n  ").append(read(Path.of("/proc", Long.toString(handle.pid()), "stat")).strip());
			}
		}
		return text.toString();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "(" + file + " could not be read: " + ex + ")";
		}
	}

	private ProcessWorker supervise(String script, Path pids, RestartPolicy restart) {
		ProcessWorker worker = new ProcessWorker(ProcessSpec.builder("shape", "sh", "-c", script)
			.environment("PIDS", pids.toString())
			.stopTimeout(Duration.ofMillis(500))
			.build());
		this.supervisor.add(worker.workerSpec().restart(restart).backoff(Backoff.fixed(Duration.ofMillis(50)))
			.maxRestarts(-1)
			.build());
		this.supervisor.start();
		return worker;
	}

	private static List<Long> awaitPids(Path pids) {
		return await().until(() -> readPids(pids), (found) -> !found.isEmpty());
	}

	static List<Long> readPids(Path pids) throws IOException {
		if (!Files.exists(pids)) {
			return List.of();
		}
		return Files.readAllLines(pids).stream().map(String::strip).filter((line) -> !line.isEmpty())
			.map(Long::valueOf).toList();
	}

	private static void awaitOutput(ProcessWorker worker, String text) {
		await().until(() -> worker.snapshot().output().stream().anyMatch((line) -> line.text().equals(text)));
	}

	private static ConditionFactory await() {
		return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
	}

}
