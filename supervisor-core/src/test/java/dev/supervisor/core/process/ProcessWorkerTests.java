package dev.supervisor.core.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessWorkerTests {

	@TempDir
	Path directory;

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final Supervisor supervisor = Supervisor.builder()
		.shutdownTimeout(Duration.ofSeconds(5))
		.listener((event) -> this.events.add(event.toString()))
		.build();

	@AfterEach
	void shutDown() {
		this.supervisor.shutdown();
	}

	@Test
	void capturesBothStreamsInOrderPerStream() throws IOException {
		Path script = script("for i in 1 2 3 4 5; do", "  echo \"out $i\"", "  echo \"err $i\" >&2", "done");
		Instant before = Instant.now();
		ProcessWorker worker = supervise(ProcessSpec.builder("echoes", "sh", script.toString()).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("echoes", WorkerState.EXITED);
		List<OutputLine> output = worker.snapshot().output();
		assertThat(texts(output, StandardStream.STDOUT)).containsExactly("out 1", "out 2", "out 3", "out 4", "out 5");
		assertThat(texts(output, StandardStream.STDERR)).containsExactly("err 1", "err 2", "err 3", "err 4", "err 5");
		assertThat(output).allSatisfy((line) -> assertThat(line.at()).isBetween(before, Instant.now()));
	}

	@Test
	void logsStdoutAtInfoAndStderrAtWarnOnTheProcessLoggerFromPumpThreads() {
		Logger logger = (Logger) LoggerFactory.getLogger("supervisor.process.logged");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		logger.setLevel(Level.INFO);
		try {
			supervise(ProcessSpec.builder("logged", "sh", "-c", "echo to-out; echo to-err >&2").build(),
					(spec) -> spec.restart(RestartPolicy.NEVER));
			awaitState("logged", WorkerState.EXITED);
			assertThat(appender.list).filteredOn((event) -> event.getFormattedMessage().equals("to-out"))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.INFO);
					assertThat(event.getThreadName()).isEqualTo("supervisor-logged-stdout");
					assertThat(event.getMDCPropertyMap()).containsEntry("worker", "logged");
				});
			assertThat(appender.list).filteredOn((event) -> event.getFormattedMessage().equals("to-err"))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.WARN);
					assertThat(event.getThreadName()).isEqualTo("supervisor-logged-stderr");
				});
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(null);
		}
	}

	@Test
	void keepsOnlyTheLastOutputLines() {
		ProcessWorker worker = supervise(ProcessSpec.builder("counter", "seq", "1", "50").outputLines(10).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("counter", WorkerState.EXITED);
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT)).containsExactly("41", "42", "43", "44",
				"45", "46", "47", "48", "49", "50");
	}

	@Test
	void drainsBothStreamsAtOnceSoAChattyProcessNeverBlocks() {
		// Far more than a pipe holds goes to stderr before stdout is even closed.
		ProcessWorker worker = supervise(ProcessSpec
			.builder("chatty", "sh", "-c", "yes err | head -n 100000 >&2; yes out | head -n 100000; echo done")
			.outputLines(5)
			.build(), (spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("chatty", WorkerState.EXITED);
		assertThat(this.supervisor.status("chatty").lastExit().outcome()).isEqualTo(RunOutcome.COMPLETED);
		// The streams are read apart, so only each stream's own order is kept.
		assertThat(worker.snapshot().output()).hasSize(5)
			.extracting(OutputLine::text)
			.isSubsetOf("err", "out", "done");
	}

	@Test
	void splitsALineLongerThanTheLimit() {
		ProcessWorker worker = supervise(
				ProcessSpec.builder("long-line", "sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x").build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("long-line", WorkerState.EXITED);
		assertThat(worker.snapshot().output()).extracting((line) -> line.text().length())
			.containsExactly(OutputPump.MAX_LINE_LENGTH, OutputPump.MAX_LINE_LENGTH,
					20000 - 2 * OutputPump.MAX_LINE_LENGTH);
	}

	@Test
	void keepsAtMostItsCharacterBudgetOfOutputWhateverTheLineCount() {
		ProcessWorker worker = supervise(ProcessSpec
			.builder("binary", "sh", "-c", "head -c 12582912 /dev/zero | tr '\\0' x")
			.outputLines(ProcessSpec.MAX_OUTPUT_LINES)
			.build(), (spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("binary", WorkerState.EXITED);
		List<OutputLine> output = worker.snapshot().output();
		assertThat(output.stream().mapToLong((line) -> line.text().length()).sum())
			.isEqualTo(ProcessWorker.OUTPUT_CHARS);
		assertThat(output).hasSize(ProcessWorker.OUTPUT_CHARS / OutputPump.MAX_LINE_LENGTH);
	}

	@Test
	void completesOnExitCodeZeroAndKeepsPidExitCodeAndTimes() {
		Instant before = Instant.now();
		ProcessWorker worker = supervise(ProcessSpec.builder("done", "sh", "-c", "exit 0").build(),
				UnaryOperator.identity());
		awaitState("done", WorkerState.EXITED);
		assertThat(this.supervisor.status("done").lastExit().outcome()).isEqualTo(RunOutcome.COMPLETED);
		ProcessSnapshot snapshot = worker.snapshot();
		assertThat(snapshot.pid()).isPositive();
		assertThat(snapshot.alive()).isFalse();
		assertThat(snapshot.exitCode()).isZero();
		assertThat(snapshot.signal()).isNull();
		assertThat(snapshot.startedAt()).isBetween(before, snapshot.endedAt());
		assertThat(snapshot.endedAt()).isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void restartsOnANonZeroExitUntilTheRestartLimit() {
		ProcessWorker worker = supervise(ProcessSpec.builder("failing", "sh", "-c", "echo run; exit 3").build(),
				(spec) -> spec.restart(RestartPolicy.ON_FAILURE).maxRestarts(2));
		awaitState("failing", WorkerState.FATAL);
		WorkerStatus status = this.supervisor.status("failing");
		assertThat(status.restarts()).isEqualTo(2);
		assertThat(status.history()).hasSize(3).allSatisfy((run) -> {
			assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
			assertThat(run.exception()).isEqualTo(ProcessExitException.class.getName());
			assertThat(run.message()).matches("Process 'failing' \\(pid \\d+\\) exited with code 3 "
					+ "\\(success exit codes: \\[0\\]\\)");
		});
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT)).containsExactly("run", "run", "run");
		assertThat(worker.snapshot().exitCode()).isEqualTo(3);
	}

	@Test
	void treatsAListedExitCodeAsSuccess() {
		supervise(ProcessSpec.builder("three", "sh", "-c", "exit 3").successExitCodes(0, 3).build(),
				(spec) -> spec.restart(RestartPolicy.ON_FAILURE));
		awaitState("three", WorkerState.EXITED);
		assertThat(this.supervisor.status("three").history()).singleElement()
			.extracting(RunRecord::outcome)
			.isEqualTo(RunOutcome.COMPLETED);
	}

	@Test
	void treatsAnUnlistedExitCodeAsFailure() {
		supervise(ProcessSpec.builder("four", "sh", "-c", "exit 4").successExitCodes(0, 3).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("four", WorkerState.EXITED);
		RunRecord run = this.supervisor.status("four").lastExit();
		assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(run.message()).endsWith("exited with code 4 (success exit codes: [0, 3])");
	}

	@Test
	void restartsAProcessKilledFromOutsideWithANewPid() throws Exception {
		ProcessWorker worker = supervise(ProcessSpec.builder("victim", "sleep", "1000").build(),
				(spec) -> spec.restart(RestartPolicy.ON_FAILURE));
		long first = awaitAlivePid(worker);
		Pids.kill("9", first);
		await().until(() -> worker.snapshot().alive() && worker.snapshot().pid() != first);
		WorkerStatus status = this.supervisor.status("victim");
		assertThat(status.state()).isEqualTo(WorkerState.RUNNING);
		assertThat(status.restarts()).isEqualTo(1);
		assertThat(status.lastExit().outcome()).isEqualTo(RunOutcome.FAILED);
		assertThat(status.lastExit().message())
			.isEqualTo("Process 'victim' (pid " + first + ") was killed by signal 9 (SIGKILL)");
		assertThat(Pids.isRunning(first)).isFalse();
	}

	@Test
	void stopSendsSigtermFirstAndEndsWhenTheProcessExits() throws IOException {
		Path script = script("trap 'echo terminating; exit 0' TERM", "echo ready",
				"while true; do sleep 0.05; done");
		ProcessWorker worker = supervise(
				ProcessSpec.builder("graceful", "sh", script.toString()).stopTimeout(Duration.ofSeconds(5)).build(),
				UnaryOperator.identity());
		awaitOutput(worker, "ready");
		this.supervisor.stop("graceful");
		// Well within the stop timeout: SIGTERM alone ended it.
		await().atMost(Duration.ofSeconds(3)).until(() -> state("graceful") == WorkerState.STOPPED);
		ProcessSnapshot snapshot = worker.snapshot();
		assertThat(texts(snapshot.output(), StandardStream.STDOUT)).contains("terminating");
		assertThat(snapshot.exitCode()).isZero();
		assertThat(snapshot.signal()).isNull();
		assertThat(this.supervisor.status("graceful").lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);
	}

	@Test
	void stopSendsSigtermToEveryDescendant() {
		ProcessWorker worker = supervise(ProcessSpec.builder("parent", "sh", "-c", "sleep 1000 & sleep 1000 & wait")
			.stopTimeout(Duration.ofSeconds(5))
			.build(), UnaryOperator.identity());
		long pid = awaitAlivePid(worker);
		List<Long> children = await().until(() -> Pids.descendants(pid), (found) -> found.size() == 2);
		this.supervisor.stop("parent");
		// Well within the stop timeout: the children got SIGTERM too, not only SIGKILL later.
		await().atMost(Duration.ofSeconds(3)).until(() -> state("parent") == WorkerState.STOPPED);
		assertThat(Pids.isRunning(pid)).isFalse();
		assertThat(children).noneMatch(Pids::isRunning);
	}

	@Test
	void stopKillsATreeThatIgnoresSigtermAfterTheStopTimeout() {
		Duration stopTimeout = Duration.ofMillis(300);
		ProcessWorker worker = supervise(ProcessSpec
			.builder("stubborn", "sh", "-c", "trap '' TERM; sleep 1000 & sleep 1000 & echo ready; wait")
			.stopTimeout(stopTimeout)
			.build(), UnaryOperator.identity());
		long pid = awaitAlivePid(worker);
		awaitOutput(worker, "ready");
		List<Long> children = await().until(() -> Pids.descendants(pid), (found) -> found.size() == 2);
		long begin = System.nanoTime();
		this.supervisor.stop("stubborn");
		awaitState("stubborn", WorkerState.STOPPED);
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(stopTimeout);
		assertThat(Pids.isRunning(pid)).isFalse();
		assertThat(children).noneMatch(Pids::isRunning);
		assertThat(worker.snapshot().signal()).isEqualTo(9);
		assertThat(worker.snapshot().signalName()).isEqualTo("SIGKILL");
		assertThat(this.supervisor.status("stubborn").lastExit().outcome()).isEqualTo(RunOutcome.STOPPED);
	}

	@Test
	void failsWithTheOsMessageWhenTheProgramIsMissingThenGoesFatal() {
		ProcessWorker worker = supervise(ProcessSpec.builder("missing", "/nonexistent/no-such-program").build(),
				(spec) -> spec.restart(RestartPolicy.ALWAYS).maxRestarts(2));
		awaitState("missing", WorkerState.FATAL);
		WorkerStatus status = this.supervisor.status("missing");
		assertThat(status.history()).hasSize(3).allSatisfy((run) -> {
			assertThat(run.outcome()).isEqualTo(RunOutcome.FAILED);
			assertThat(run.exception()).isEqualTo(ProcessStartException.class.getName());
			assertThat(run.message())
				.startsWith("Process 'missing' could not start program '/nonexistent/no-such-program': ")
				.contains("No such file or directory");
		});
		await().until(() -> this.events.stream()
			.anyMatch((event) -> event.startsWith("Worker 'missing' exceeded 2 restarts")));
		assertThat(worker.snapshot().pid()).isNull();
	}

	@Test
	void failsWithTheOsMessageWhenTheProgramIsNotExecutable() throws IOException {
		Path program = Files.writeString(this.directory.resolve("not-executable"), "#!/bin/sh\n");
		supervise(ProcessSpec.builder("noexec", program.toString()).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("noexec", WorkerState.EXITED);
		assertThat(this.supervisor.status("noexec").lastExit().message()).contains("Permission denied");
	}

	@Test
	void failsWithTheOsMessageWhenTheWorkingDirectoryIsMissing() {
		Path missing = this.directory.resolve("missing");
		supervise(ProcessSpec.builder("nodir", "true").workingDirectory(missing).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("nodir", WorkerState.EXITED);
		assertThat(this.supervisor.status("nodir").lastExit().message()).contains(missing.toString())
			.contains("No such file or directory");
	}

	@Test
	void runsInTheWorkingDirectoryWithTheAddedEnvironment() throws IOException {
		ProcessWorker worker = supervise(ProcessSpec.builder("env", "sh", "-c", "echo \"$GREETING\"; pwd; echo \"$PATH\"")
			.workingDirectory(this.directory)
			.environment("GREETING", "hello")
			.build(), (spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("env", WorkerState.EXITED);
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT)).containsExactly("hello",
				this.directory.toRealPath().toString(), System.getenv("PATH"));
	}

	@Test
	void neverShowsEnvironmentValues() {
		String secret = "s3cr3t-" + System.nanoTime();
		ProcessWorker worker = supervise(ProcessSpec.builder("secretive", "sleep", "1000")
			.environment("API_TOKEN", secret)
			.build(), UnaryOperator.identity());
		awaitAlivePid(worker);
		this.supervisor.stop("secretive");
		awaitState("secretive", WorkerState.STOPPED);
		assertThat(worker.toString()).contains("API_TOKEN").doesNotContain(secret);
		assertThat(worker.snapshot().toString()).doesNotContain(secret);
		assertThat(List.of(worker.snapshot().name(), worker.snapshot().output())).asString().doesNotContain(secret);
		assertThat(this.supervisor.statuses()).asString().doesNotContain(secret);
		assertThat(this.events).isNotEmpty().noneMatch((event) -> event.contains(secret));
	}

	@Test
	void neverShowsAnArgumentOfAFailingProcessOutsideDebugLogs() {
		String secret = "--password=hunter2-" + System.nanoTime();
		try (CapturedLogs logs = CapturedLogs.all()) {
			supervise(ProcessSpec.builder("leaky", "/nonexistent/tool", secret).build(),
					(spec) -> spec.restart(RestartPolicy.ALWAYS).maxRestarts(1));
			awaitState("leaky", WorkerState.FATAL);
			WorkerStatus status = this.supervisor.status("leaky");
			assertThat(status.lastExit().message()).startsWith("Process 'leaky' could not start program '/nonexistent/tool': ");
			assertThat(status.history()).hasSize(2).allSatisfy((run) -> assertThat(run.message()).doesNotContain(secret));
			assertThat(this.supervisor.statuses()).asString().doesNotContain(secret);
			await().until(() -> this.events.stream().anyMatch((event) -> event.startsWith("Worker 'leaky' exceeded 1 restart ")));
			assertThat(this.events).noneMatch((event) -> event.contains(secret));
			assertThat(logs.atInfoOrAbove()).isNotEmpty().noneMatch((line) -> line.contains(secret));
		}
	}

	@Test
	void logsTheProgramAtInfoAndTheArgumentsOnlyAtDebug() {
		String secret = "--password=hunter2-" + System.nanoTime();
		try (CapturedLogs logs = CapturedLogs.all()) {
			ProcessWorker worker = supervise(ProcessSpec.builder("withpw", "sh", "-c", "sleep 1000", secret).build(),
					UnaryOperator.identity());
			long pid = awaitAlivePid(worker);
			await().until(() -> logs.atInfoOrAbove().contains("Started process 'withpw' (pid " + pid + "): sh"));
			assertThat(logs.atDebug()).contains("Starting process 'withpw': [sh, -c, sleep 1000, " + secret + "]");
			this.supervisor.stop("withpw");
			awaitState("withpw", WorkerState.STOPPED);
			assertThat(logs.atInfoOrAbove()).isNotEmpty().noneMatch((line) -> line.contains(secret));
		}
	}

	@Test
	void runsTheCommandWithoutAShell() {
		ProcessWorker worker = supervise(ProcessSpec.builder("literal", "echo", "$HOME", "*", ";", "id", "`id`").build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("literal", WorkerState.EXITED);
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT)).containsExactly("$HOME * ; id `id`");
	}

	@Test
	void inheritsTheWholeEnvironmentOfTheJvmByDefault() {
		ProcessWorker worker = supervise(ProcessSpec.builder("inherits", "/usr/bin/env").build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("inherits", WorkerState.EXITED);
		assertThat(variableNames(worker)).containsAll(System.getenv().keySet());
	}

	@Test
	void seesOnlyPassedAndGivenVariablesWhenNotInheritingTheEnvironment() {
		assertThat(System.getenv()).containsKey("PATH").containsKey("HOME");
		ProcessWorker worker = supervise(ProcessSpec.builder("clean", "/usr/bin/env")
			.inheritEnvironment(false)
			.passEnvironment("PATH", "NOT_SET_IN_THE_JVM_" + System.nanoTime())
			.environment("GREETING", "hello")
			.build(), (spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("clean", WorkerState.EXITED);
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT))
			.containsExactlyInAnyOrder("PATH=" + System.getenv("PATH"), "GREETING=hello");
	}

	@Test
	void seesNoVariableOfTheJvmWhenNotInheritingAndPassingNone() {
		ProcessWorker worker = supervise(ProcessSpec.builder("empty", "/usr/bin/env").inheritEnvironment(false).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("empty", WorkerState.EXITED);
		assertThat(worker.snapshot().output()).isEmpty();
	}

	@Test
	void findsTheProgramOnThePathGivenInTheEnvironment() throws IOException {
		Path bin = Files.createDirectories(this.directory.resolve("bin"));
		Path tool = Files.writeString(bin.resolve("mytool"), "#!/bin/sh\necho \"mytool ran with $1\"\n");
		assertThat(tool.toFile().setExecutable(true)).isTrue();
		ProcessWorker worker = supervise(ProcessSpec.builder("mytool", "mytool", "first")
			.environment("PATH", bin + File.pathSeparator + System.getenv("PATH"))
			.build(), (spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("mytool", WorkerState.EXITED);
		assertThat(this.supervisor.status("mytool").lastExit().outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT)).containsExactly("mytool ran with first");
	}

	@Test
	void refusesAProgramMissingFromThePathGivenInTheEnvironmentEvenIfTheJvmFindsIt() throws IOException {
		Path empty = Files.createDirectories(this.directory.resolve("empty"));
		supervise(ProcessSpec.builder("nopath", "true").environment("PATH", empty.toString()).build(),
				(spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("nopath", WorkerState.EXITED);
		RunRecord exit = this.supervisor.status("nopath").lastExit();
		assertThat(exit.exception()).isEqualTo(ProcessStartException.class.getName());
		assertThat(exit.message()).isEqualTo("Process 'nopath' could not start program 'true': no executable file "
				+ "of that name in any directory of the process's PATH (set by its environment)");
	}

	@Test
	void skipsAFileOnThePathThatIsNotExecutable() throws IOException {
		Path first = Files.createDirectories(this.directory.resolve("first"));
		Path second = Files.createDirectories(this.directory.resolve("second"));
		Files.writeString(first.resolve("tool"), "#!/bin/sh\necho first\n");
		Path executable = Files.writeString(second.resolve("tool"), "#!/bin/sh\necho second\n");
		assertThat(executable.toFile().setExecutable(true)).isTrue();
		ProcessWorker worker = supervise(ProcessSpec.builder("tool", "tool")
			.environment("PATH", first + File.pathSeparator + second)
			.build(), (spec) -> spec.restart(RestartPolicy.NEVER));
		awaitState("tool", WorkerState.EXITED);
		assertThat(texts(worker.snapshot().output(), StandardStream.STDOUT)).containsExactly("second");
	}

	@Test
	void refusesToRunOneWorkerTwiceAtOnce() {
		ProcessWorker worker = new ProcessWorker(ProcessSpec.builder("once", "sleep", "1000").build());
		this.supervisor.add(WorkerSpec.builder("first", worker).build());
		this.supervisor.start();
		awaitAlivePid(worker);
		this.supervisor.add(WorkerSpec.builder("second", worker).restart(RestartPolicy.NEVER).build());
		awaitState("second", WorkerState.EXITED);
		assertThat(this.supervisor.status("second").lastExit().message())
			.startsWith("Process 'once' is already running (pid " + worker.snapshot().pid() + ")");
		assertThat(state("first")).isEqualTo(WorkerState.RUNNING);
	}

	private ProcessWorker supervise(ProcessSpec spec, UnaryOperator<WorkerSpec.Builder> customizer) {
		ProcessWorker worker = new ProcessWorker(spec);
		this.supervisor.add(customizer.apply(worker.workerSpec().backoff(Backoff.none())).build());
		this.supervisor.start();
		return worker;
	}

	private Path script(String... lines) throws IOException {
		return Files.write(this.directory.resolve("script.sh"), List.of(lines));
	}

	private static List<String> variableNames(ProcessWorker worker) {
		return texts(worker.snapshot().output(), StandardStream.STDOUT).stream()
			.filter((line) -> line.indexOf('=') > 0)
			.map((line) -> line.substring(0, line.indexOf('=')))
			.toList();
	}

	private static List<String> texts(List<OutputLine> output, StandardStream stream) {
		return output.stream().filter((line) -> line.stream() == stream).map(OutputLine::text).toList();
	}

	private WorkerState state(String name) {
		return this.supervisor.status(name).state();
	}

	private void awaitState(String name, WorkerState state) {
		await().until(() -> state(name) == state);
	}

	private static long awaitAlivePid(ProcessWorker worker) {
		return await().until(worker::snapshot, ProcessSnapshot::alive).pid();
	}

	private static void awaitOutput(ProcessWorker worker, String text) {
		await().until(() -> worker.snapshot().output().stream().anyMatch((line) -> line.text().equals(text)));
	}

	private static ConditionFactory await() {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
	}

}
