package dev.supervisor.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.supervisor.core.Backoff;
import dev.supervisor.core.ShutdownResult;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerThreads;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStrategy;

/**
 * What a one-for-all restart of a group of {@value #MEMBERS} workers costs, against
 * {@value #MEMBERS} one-for-one restarts. One operation is one round of {@value #MEMBERS}
 * restarts, until every member runs again:
 * <ul>
 * <li>{@code oneForAllGroup}: one member of a one-for-all group fails; the group stops the
 * other nine one at a time in reverse order (each awaited), then starts all ten one at a time in
 * order (each awaited until {@code RUNNING} has been heard);</li>
 * <li>{@code oneForOneGroup}: every member of a one-for-one group fails once; each is restarted
 * alone, after the group counted it;</li>
 * <li>{@code independentWorkers} (the baseline): ten workers outside any group each fail once and
 * restart by themselves.</li>
 * </ul>
 * Members wait on a semaphore in their run; the benchmark releases it to make a member fail,
 * then parks until ten more runs have begun and the group is {@code RUNNING} again. Zero
 * backoff, unlimited restarts, virtual threads, no listener.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GroupRestartBenchmark {

	static final int MEMBERS = 10;

	/** Thrown by a member when the benchmark tells it to fail. */
	static final class MemberFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MemberFailure() {
			super("failing on purpose");
		}

	}

	@State(Scope.Benchmark)
	public abstract static class Members {

		final RunCounter counter = new RunCounter();

		final List<Semaphore> failures = new ArrayList<>();

		Supervisor supervisor;

		/** The group's strategy, or {@code null} for workers outside any group. */
		abstract GroupStrategy strategy();

		@Setup(Level.Trial)
		public void start() {
			this.supervisor = Supervisor.builder()
				.threadFactory(WorkerThreads.virtual())
				.shutdownTimeout(Duration.ofSeconds(10))
				.build();
			List<String> names = new ArrayList<>();
			for (int i = 0; i < MEMBERS; i++) {
				Semaphore failure = new Semaphore(0);
				this.failures.add(failure);
				RunCounter counter = this.counter;
				String name = "member-" + i;
				names.add(name);
				this.supervisor.add(WorkerSpec.builder(name, (context) -> {
					counter.count();
					failure.acquire();
					throw new MemberFailure();
				}).maxRestarts(WorkerSpec.UNLIMITED_RESTARTS).backoff(Backoff.none()).build());
			}
			if (strategy() != null) {
				this.supervisor.addGroup(GroupSpec.builder("group")
					.members(names)
					.strategy(strategy())
					.maxRestarts(WorkerSpec.UNLIMITED_RESTARTS)
					.build());
			}
			this.supervisor.start();
			while (this.counter.runs() < MEMBERS) {
				Thread.onSpinWait();
			}
			awaitSettled();
		}

		/** One round: make members fail, wait for ten new runs and a running group. */
		void round(int failing) {
			// Read before the failures: the restarts they cause may be counted at once.
			long goal = this.counter.runs() + MEMBERS;
			for (int i = 0; i < failing; i++) {
				this.failures.get(i).release();
			}
			this.counter.awaitTotal(goal);
			awaitSettled();
		}

		private void awaitSettled() {
			if (strategy() != null) {
				while (this.supervisor.groupStatus("group").state() != GroupState.RUNNING) {
					Thread.onSpinWait();
				}
			}
		}

		@TearDown(Level.Trial)
		public void stop() {
			ShutdownResult result = this.supervisor.shutdown();
			if (!result.stuck().isEmpty()) {
				throw new IllegalStateException("Benchmark members did not stop: " + result);
			}
		}

	}

	@State(Scope.Benchmark)
	public static class OneForAll extends Members {

		@Override
		GroupStrategy strategy() {
			return GroupStrategy.ONE_FOR_ALL;
		}

	}

	@State(Scope.Benchmark)
	public static class OneForOne extends Members {

		@Override
		GroupStrategy strategy() {
			return GroupStrategy.ONE_FOR_ONE;
		}

	}

	@State(Scope.Benchmark)
	public static class Independent extends Members {

		@Override
		GroupStrategy strategy() {
			return null;
		}

	}

	@Benchmark
	public void oneForAllGroup(OneForAll members) {
		members.round(1);
	}

	@Benchmark
	public void oneForOneGroup(OneForOne members) {
		members.round(MEMBERS);
	}

	@Benchmark
	public void independentWorkers(Independent members) {
		members.round(MEMBERS);
	}

}
