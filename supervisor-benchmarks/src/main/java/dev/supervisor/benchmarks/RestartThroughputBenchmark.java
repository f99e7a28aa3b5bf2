package dev.supervisor.benchmarks;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.typesafe.config.ConfigFactory;

import dev.supervisor.actuate.metrics.SupervisorMetrics;
import dev.supervisor.core.Backoff;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.ShutdownResult;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerThreads;
import dev.supervisor.observation.ObservationRunObserver;

/**
 * Restarts per second of a worker that throws at once, on every contender in one run:
 * <ul>
 * <li>{@code supervisor}: the engine, zero backoff, unlimited restarts, on platform or virtual
 * threads, with metrics on (the project's {@link SupervisorMetrics} bound to a Micrometer
 * {@link SimpleMeterRegistry}, as the auto-configuration binds it), off (no listener), or
 * {@code observations} (each run also a Micrometer observation through
 * {@link ObservationRunObserver}, timed by Micrometer's {@link DefaultMeterObservationHandler} on
 * the same registry, and the binder without its own run timer, as the auto-configuration wires
 * them when the actuator is present; no tracing);</li>
 * <li>{@code bareLoop}: {@code while (running) try { run } catch} on one thread, the floor;</li>
 * <li>{@code threadPerRunPlatform}, {@code threadPerRunVirtual}: a diagnostic floor, the same
 * loop but each run on a fresh thread started by the one before, as the engine does for a
 * restart after a backoff delay;</li>
 * <li>{@code pekko}: a Pekko typed actor under
 * {@code Behaviors.supervise(...).onFailure(SupervisorStrategy.restart())} that throws on each
 * message; before throwing it sends itself the next message, which survives the restart.</li>
 * </ul>
 * Every contender runs on its own thread(s), counting runs in a {@link RunCounter}; one
 * benchmark invocation waits, parked, for {@value #BATCH} more runs ({@value #PLATFORM_BATCH}
 * for a fresh platform thread per run), so the score is runs (each
 * one a failure followed by a restart) per second. The waiting thread is parked, so the
 * contender has the CPU to itself apart from the rest of the machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RestartThroughputBenchmark {

	static final int BATCH = 10_000;

	/** A fresh platform thread per run is some hundred times slower; a smaller batch keeps iterations short. */
	static final int PLATFORM_BATCH = 1_000;

	/** Thrown by every contender's worker on every run; a fresh one each time, with its stack. */
	static final class WorkerFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		WorkerFailure() {
			super("failing on purpose");
		}

	}

	@State(Scope.Benchmark)
	public abstract static class SupervisorState {

		/**
		 * {@code off}: no listener; {@code on}: the metrics binder; {@code observations}: the
		 * binder without its run timer plus every run observed, the timer coming from the
		 * observation's meter handler, as the auto-configuration wires them with the actuator.
		 */
		@Param({ "off", "on", "observations" })
		public String metrics;

		final RunCounter counter = new RunCounter();

		Supervisor supervisor;

		MeterRegistry registry;

		abstract ThreadFactory threadFactory();

		@Setup(Level.Trial)
		public void start() {
			Supervisor.Builder builder = Supervisor.builder()
				.threadFactory(threadFactory())
				.shutdownTimeout(Duration.ofSeconds(10));
			if (!"off".equals(this.metrics)) {
				this.registry = new SimpleMeterRegistry();
			}
			boolean observed = "observations".equals(this.metrics);
			if (observed) {
				ObservationRegistry observations = ObservationRegistry.create();
				observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.registry));
				builder.runObserver(new ObservationRunObserver(observations));
			}
			this.supervisor = builder.build();
			if (this.registry != null) {
				new SupervisorMetrics(this.supervisor, !observed).bindTo(this.registry);
			}
			RunCounter counter = this.counter;
			this.supervisor.add(WorkerSpec.builder("failing", (context) -> {
				counter.count();
				throw new WorkerFailure();
			})
				.restart(RestartPolicy.ALWAYS)
				.maxRestarts(WorkerSpec.UNLIMITED_RESTARTS)
				.backoff(Backoff.none())
				.build());
			this.supervisor.start();
		}

		@TearDown(Level.Trial)
		public void stop() {
			ShutdownResult result = this.supervisor.shutdown();
			if (!result.stuck().isEmpty()) {
				throw new IllegalStateException("Benchmark worker did not stop: " + result);
			}
			if (this.registry != null) {
				double starts = this.registry.get(SupervisorMetrics.STARTS).tag("worker", "failing").counter().count();
				if (starts < this.counter.runs() - 1) {
					throw new IllegalStateException("Metrics missed starts: " + starts + " counted, "
							+ this.counter.runs() + " runs");
				}
				long timed = this.registry.get(SupervisorMetrics.RUN)
					.timers()
					.stream()
					.mapToLong(Timer::count)
					.sum();
				if (timed < this.counter.runs() - 1) {
					throw new IllegalStateException("Run timer missed runs: " + timed + " timed, "
							+ this.counter.runs() + " runs");
				}
			}
		}

	}

	@State(Scope.Benchmark)
	public static class PlatformSupervisorState extends SupervisorState {

		@Override
		ThreadFactory threadFactory() {
			return WorkerThreads.platform();
		}

	}

	@State(Scope.Benchmark)
	public static class VirtualSupervisorState extends SupervisorState {

		@Override
		ThreadFactory threadFactory() {
			return WorkerThreads.virtual();
		}

	}

	@State(Scope.Benchmark)
	public static class BareLoopState {

		final RunCounter counter = new RunCounter();

		volatile boolean running = true;

		/** Keeps each failure observable, so the compiler cannot drop the throw. */
		Throwable lastFailure;

		Thread thread;

		@Setup(Level.Trial)
		public void start() {
			RunCounter counter = this.counter;
			Worker worker = (context) -> {
				counter.count();
				throw new WorkerFailure();
			};
			WorkerContext context = new IdleContext("failing");
			this.thread = new Thread(() -> {
				while (this.running) {
					try {
						worker.run(context);
					}
					catch (Exception ex) {
						this.lastFailure = ex;
					}
				}
			}, "bare-loop");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		@TearDown(Level.Trial)
		public void stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

	}

	/**
	 * Diagnostic floor for a thread-per-run design: each run gets a fresh thread, started by the
	 * ending thread, with no supervision at all. The engine continues a restart without delay
	 * on the ending thread, so this is what that saves.
	 */
	@State(Scope.Benchmark)
	public abstract static class ThreadPerRunState {

		final RunCounter counter = new RunCounter();

		volatile boolean running = true;

		Throwable lastFailure;

		volatile Thread current;

		abstract ThreadFactory threadFactory();

		@Setup(Level.Trial)
		public void start() {
			RunCounter counter = this.counter;
			Worker worker = (context) -> {
				counter.count();
				throw new WorkerFailure();
			};
			launch(worker, new IdleContext("failing"), threadFactory());
		}

		private void launch(Worker worker, WorkerContext context, ThreadFactory factory) {
			Thread thread = factory.newThread(() -> {
				try {
					worker.run(context);
				}
				catch (Exception ex) {
					this.lastFailure = ex;
				}
				if (this.running) {
					launch(worker, context, factory);
				}
			});
			this.current = thread;
			thread.start();
		}

		@TearDown(Level.Trial)
		public void stop() throws InterruptedException {
			this.running = false;
			Thread last;
			do {
				last = this.current;
				last.join();
			}
			while (last != this.current);
		}

	}

	@State(Scope.Benchmark)
	public static class PlatformThreadPerRunState extends ThreadPerRunState {

		@Override
		ThreadFactory threadFactory() {
			return WorkerThreads.platform();
		}

	}

	@State(Scope.Benchmark)
	public static class VirtualThreadPerRunState extends ThreadPerRunState {

		@Override
		ThreadFactory threadFactory() {
			return WorkerThreads.virtual();
		}

	}

	@State(Scope.Benchmark)
	public static class PekkoState {

		enum Tick {

			INSTANCE

		}

		final RunCounter counter = new RunCounter();

		ActorSystem<Tick> system;

		@Setup(Level.Trial)
		public void start() {
			RunCounter counter = this.counter;
			Behavior<Tick> failing = Behaviors.receive((context, tick) -> {
				counter.count();
				context.getSelf().tell(tick);
				throw new WorkerFailure();
			});
			Behavior<Tick> supervised = Behaviors.supervise(failing).onFailure(SupervisorStrategy.restart());
			this.system = ActorSystem.create(supervised, "restart-benchmark",
					ConfigFactory.parseString("pekko.loglevel = OFF\npekko.stdout-loglevel = OFF")
						.withFallback(ConfigFactory.load()));
			this.system.tell(Tick.INSTANCE);
		}

		@TearDown(Level.Trial)
		public void stop() throws Exception {
			this.system.terminate();
			this.system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
		}

	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void supervisorPlatform(PlatformSupervisorState state) {
		state.counter.awaitMore(BATCH);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void supervisorVirtual(VirtualSupervisorState state) {
		state.counter.awaitMore(BATCH);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void bareLoop(BareLoopState state) {
		state.counter.awaitMore(BATCH);
	}

	@Benchmark
	@OperationsPerInvocation(PLATFORM_BATCH)
	public void threadPerRunPlatform(PlatformThreadPerRunState state) {
		state.counter.awaitMore(PLATFORM_BATCH);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void threadPerRunVirtual(VirtualThreadPerRunState state) {
		state.counter.awaitMore(BATCH);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void pekko(PekkoState state) {
		state.counter.awaitMore(BATCH);
	}

}
