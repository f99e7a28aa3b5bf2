package dev.supervisor.core.process;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.DoNotRestartException;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerSpec;

/**
 * A {@link Worker} that runs an OS process described by a {@link ProcessSpec}: one run of the
 * worker is one run of the process. Register it like any worker, for instance with
 * {@code supervisor.add(worker.workerSpec().restart(RestartPolicy.ALWAYS).build())}.
 * <p>
 * A run:
 * <ul>
 * <li>starts the command directly, never through a shell, with stdin closed, in the
 * environment the spec describes; a program named without a {@code /} is found on that
 * environment's {@code PATH}; a command that cannot start fails the run with a
 * {@link ProcessStartException} carrying the operating system's message;</li>
 * <li>pumps stdout and stderr, each on its own thread, line by line to the logger
 * {@code supervisor.process.<name>} (stdout at INFO, stderr at WARN) and into a ring buffer of
 * {@link ProcessSpec#outputLines()} lines kept across runs, and of at most
 * {@link #OUTPUT_CHARS} characters in all;</li>
 * <li>completes when the process exits with one of its
 * {@link ProcessSpec#successExitCodes()}, and fails with a {@link ProcessExitException} on any
 * other exit code or when a signal killed it (from outside too, such as {@code kill -9});</li>
 * <li>on a stop request, sends SIGTERM to the process and every process it started, waits up
 * to {@link ProcessSpec#stopTimeout()}, sends SIGKILL to whatever is left, and ends once the
 * tree is gone;</li>
 * <li>when the process exits by itself, stops the same way whatever it left running, so no
 * background child outlives its run.</li>
 * </ul>
 * On Linux each process leads a session of its own, which is how the processes it started are
 * found even after they were re-parented (see {@link ProcessSessions} for the mechanism and
 * for what can still escape).
 * Processes still running when the JVM shuts down are stopped the same way by a JVM shutdown
 * hook, registered once with the first process.
 * <p>
 * Messages, exceptions and INFO logs name the program only; the arguments, which may be
 * secrets, are logged at DEBUG when the process starts.
 * <p>
 * One instance runs one process at a time: register it with one supervisor only. Its
 * {@link #snapshot()} may be read from any thread.
 */
public final class ProcessWorker implements Worker {

	/** How long a run waits, once its process has ended, for the last output to be read. */
	private static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * The most characters of output kept per process, whatever {@link ProcessSpec#outputLines()}
	 * says: 1 Mi characters, 1 to 2 MiB of heap. Lines are up to
	 * {@value OutputPump#MAX_LINE_LENGTH} characters, so without it 10,000 lines of binary
	 * output would hold some 160 MiB.
	 */
	public static final int OUTPUT_CHARS = 1 << 20;

	private final ProcessSpec spec;

	private final Clock clock;

	private final ProcessShutdownHook shutdownHook;

	private final Logger logger;

	private final RingBuffer<OutputLine> output;

	private final AtomicBoolean running = new AtomicBoolean();

	/** The current or last run; written only by the running thread, read by any. */
	private volatile RunState state = RunState.NONE;

	/**
	 * Create a worker for a process, with the system clock for its timestamps.
	 * @param spec the process
	 */
	public ProcessWorker(ProcessSpec spec) {
		this(spec, Clock.systemUTC());
	}

	/**
	 * Create a worker for a process.
	 * @param spec the process
	 * @param clock the source of the start, end and output timestamps
	 */
	public ProcessWorker(ProcessSpec spec, Clock clock) {
		this(spec, clock, ProcessShutdownHook.INSTANCE);
	}

	ProcessWorker(ProcessSpec spec, Clock clock, ProcessShutdownHook shutdownHook) {
		this.spec = Objects.requireNonNull(spec, "spec must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.shutdownHook = shutdownHook;
		this.logger = LoggerFactory.getLogger("supervisor.process." + spec.name());
		this.output = new RingBuffer<>(spec.outputLines(), OUTPUT_CHARS, (line) -> line.text().length());
	}

	public ProcessSpec spec() {
		return this.spec;
	}

	/**
	 * Start describing the supervised worker for this process, under the process's name.
	 * @return a {@link WorkerSpec} builder with the built-in defaults
	 */
	public WorkerSpec.Builder workerSpec() {
		return WorkerSpec.builder(this.spec.name(), this);
	}

	/**
	 * A snapshot of the current or last process and the recent output.
	 * @return the snapshot
	 */
	public ProcessSnapshot snapshot() {
		RunState current = this.state;
		boolean alive = current.process != null && current.process.isAlive();
		return new ProcessSnapshot(this.spec.name(), current.pid, alive, current.startedAt, current.endedAt,
				current.exitCode, current.signal, this.output.toList());
	}

	/**
	 * Run the process once, until it exits or a stop is requested.
	 * @param context the run's context
	 * @throws ProcessStartException if the command cannot start
	 * @throws ProcessExitException if the process exits with a code outside its success exit
	 * codes or is killed by a signal
	 * @throws InterruptedException if the thread was interrupted without a stop request; the
	 * process was stopped
	 */
	@Override
	public void run(WorkerContext context) throws Exception {
		if (!this.running.compareAndSet(false, true)) {
			throw new IllegalStateException("Process '" + this.spec.name() + "' is already running (pid "
					+ this.state.pid + "); a ProcessWorker runs one process at a time, register it once");
		}
		try {
			if (!context.isStopRequested()) {
				runProcess(context);
			}
		}
		finally {
			this.running.set(false);
		}
	}

	private void runProcess(WorkerContext context) throws Exception {
		if (!this.shutdownHook.beginStart()) {
			throw new DoNotRestartException(
					"Process '" + this.spec.name() + "' was not started: the JVM is shutting down");
		}
		Process process;
		ProcessTree tree;
		boolean registered;
		try {
			process = start();
			tree = new ProcessTree(this.spec.name(), process, this.spec.stopTimeout(), this.logger,
					ProcessSessions.supported());
			// Registered at once: the JVM's shutdown hook waits for this start before it lists
			// the processes to stop.
			registered = this.shutdownHook.register(tree);
		}
		finally {
			this.shutdownHook.endStart();
		}
		boolean interrupted = false;
		List<Thread> pumps = List.of();
		try {
			this.state = new RunState(process, process.pid(), this.clock.instant(), null, null, null);
			// Arguments may be secrets: INFO names the program only.
			this.logger.info("Started process '{}' (pid {}): {}", this.spec.name(), process.pid(), this.spec.program());
			pumps = List.of(pump(process, StandardStream.STDOUT), pump(process, StandardStream.STDERR));
			if (!registered) {
				tree.stop();
				throw new DoNotRestartException("Process '" + this.spec.name() + "' (pid " + process.pid()
						+ ") was stopped at once: the JVM is shutting down");
			}
			try {
				process.waitFor();
				stopLeftovers(process, tree);
			}
			catch (InterruptedException ex) {
				interrupted = true;
				this.logger.info("Stopping process '{}' (pid {}): SIGTERM, then SIGKILL after {}", this.spec.name(),
						process.pid(), this.spec.stopTimeout());
				tree.stop();
			}
		}
		finally {
			if (process.isAlive()) {
				// Something failed between start and wait: never leave the process behind.
				tree.stop();
			}
			this.shutdownHook.unregister(tree);
			awaitOutput(pumps);
			recordExit(process);
		}
		if (interrupted) {
			if (context.isStopRequested()) {
				return;
			}
			throw new InterruptedException("Process '" + this.spec.name() + "' (pid " + process.pid()
					+ ") was stopped because its thread was interrupted");
		}
		RunState ended = this.state;
		String execFailure = execFailure(ended);
		if (execFailure != null) {
			this.state = RunState.NONE;
			// setsid's message names the program only, never the arguments.
			throw new ProcessStartException("Process '" + this.spec.name() + "' could not start program '"
					+ this.spec.program() + "': " + execFailure, null);
		}
		if (!this.spec.successExitCodes().contains(ended.exitCode)) {
			throw new ProcessExitException(this.spec.name(), ended.pid, ended.exitCode, ended.signal,
					this.spec.successExitCodes());
		}
	}

	private Process start() throws ProcessStartException {
		// A failed start leaves no process: the last run's pid would mislead.
		this.state = RunState.NONE;
		ProcessBuilder builder = new ProcessBuilder();
		if (this.spec.workingDirectory() != null) {
			builder.directory(this.spec.workingDirectory().toFile());
		}
		Map<String, String> environment = builder.environment();
		if (!this.spec.inheritEnvironment()) {
			environment.keySet().retainAll(this.spec.passEnvironment());
		}
		environment.putAll(this.spec.environment());
		List<String> command = ProgramLookup.command(this.spec, environment);
		builder.command(ProcessSessions.supported() ? ProcessSessions.inNewSession(command) : command);
		this.logger.debug("Starting process '{}': {}", this.spec.name(), command);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			// The JDK's message names the program and the directory, never the arguments.
			throw new ProcessStartException("Process '" + this.spec.name() + "' could not start program '"
					+ this.spec.program() + "': " + ex.getMessage(), ex);
		}
		try {
			// Nothing is ever written to the process: a program reading stdin sees its end.
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			this.logger.debug("Could not close stdin of process '{}' (pid {})", this.spec.name(), process.pid(), ex);
		}
		return process;
	}

	/** The root exited by itself: whatever it left running in its session is stopped now. */
	private void stopLeftovers(Process process, ProcessTree tree) {
		List<Long> leftovers = tree.leftovers();
		if (!leftovers.isEmpty()) {
			this.logger.info("Process '{}' (pid {}) exited leaving pids {} running; stopping them: SIGTERM, then "
					+ "SIGKILL after {}", this.spec.name(), process.pid(), leftovers, this.spec.stopTimeout());
			tree.stop();
		}
	}

	/**
	 * What {@code setsid} said if it could not execute the command (it exits with 126 or 127):
	 * the operating system's message, as a failed start reports it.
	 */
	private @Nullable String execFailure(RunState ended) {
		if (!ProcessSessions.supported() || ended.exitCode == null
				|| (ended.exitCode != 126 && ended.exitCode != 127)) {
			return null;
		}
		for (OutputLine line : this.output.toList()) {
			if (line.stream() == StandardStream.STDERR && !line.at().isBefore(ended.startedAt)
					&& line.text().startsWith(ProcessSessions.EXEC_FAILURE_PREFIX)) {
				return line.text().substring("setsid: ".length());
			}
		}
		return null;
	}

	private Thread pump(Process process, StandardStream stream) {
		return new OutputPump(this.spec.name(),
				(stream == StandardStream.STDOUT) ? process.getInputStream() : process.getErrorStream(), stream,
				this.output, this.logger, this.clock)
			.start();
	}

	/** Let the pumps read what the process wrote last; a descendant may keep a pipe open. */
	private void awaitOutput(List<Thread> pumps) {
		long deadline = System.nanoTime() + OUTPUT_DRAIN_TIMEOUT.toNanos();
		try {
			for (Thread pump : pumps) {
				TimeUnit.NANOSECONDS.timedJoin(pump, Math.max(1, deadline - System.nanoTime()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void recordExit(Process process) {
		RunState started = this.state;
		if (process.isAlive()) {
			// Given up after SIGKILL: keep what is known.
			return;
		}
		int exitCode = process.exitValue();
		Integer signal = Signals.fromExitCode(exitCode);
		this.state = new RunState(process, started.pid, started.startedAt, this.clock.instant(), exitCode, signal);
		if (signal != null) {
			this.logger.info("Process '{}' (pid {}) was killed by signal {} ({})", this.spec.name(), started.pid,
					signal, Signals.name(signal));
		}
		else {
			this.logger.info("Process '{}' (pid {}) exited with code {}", this.spec.name(), started.pid, exitCode);
		}
	}

	@Override
	public String toString() {
		return "ProcessWorker[" + this.spec + "]";
	}

	/**
	 * The current or last run of the process, immutable.
	 */
	private static final class RunState {

		static final RunState NONE = new RunState(null, null, null, null, null, null);

		final Process process;

		final Long pid;

		final Instant startedAt;

		final Instant endedAt;

		final Integer exitCode;

		final Integer signal;

		RunState(Process process, Long pid, Instant startedAt, Instant endedAt, Integer exitCode, Integer signal) {
			this.process = process;
			this.pid = pid;
			this.startedAt = startedAt;
			this.endedAt = endedAt;
			this.exitCode = exitCode;
			this.signal = signal;
		}

	}

}
