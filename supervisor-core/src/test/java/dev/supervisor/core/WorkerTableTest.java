package dev.supervisor.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.table.NoSuchTableException;
import dev.supervisor.core.table.RefreshOutcome;
import dev.supervisor.core.table.TableStatus;
import dev.supervisor.core.table.WorkerTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Worker tables: each reconciliation rule, driven by the manual scheduler. Reads run on real
 * threads, so tests await the end of a pass through the table's status.
 */
class WorkerTableTest {

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private final SupervisorFixture fixture = new SupervisorFixture();

	private final Supervisor supervisor = this.fixture.supervisor;

	private final KeySource source = new KeySource();

	/** How many runs each worker name began. */
	private final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	@AfterEach
	void shutDown() {
		this.source.release();
		this.fixture.close();
	}

	@Test
	void everyKeyGetsAWorkerNamedAfterTheTableStartedOnTheFirstPass() {
		this.source.set("acme", "globex");
		this.supervisor.addTable(table().build());
		assertThat(this.source.reads).hasValue(0);

		this.supervisor.start();

		awaitPasses(RefreshOutcome.SUCCESS, 1);
		awaitState("tenants-acme", WorkerState.RUNNING);
		awaitState("tenants-globex", WorkerState.RUNNING);
		assertThat(this.supervisor.tableStatus("tenants").keys()).containsExactly("acme", "globex");
		assertThat(this.supervisor.tableStatus("tenants").workerNames()).containsExactly("tenants-acme",
				"tenants-globex");
	}

	@Test
	void aWorkerKnowsItsTableFromItsAddedEventUntilItIsRemoved() {
		List<String> tablesSeenOnAdd = new CopyOnWriteArrayList<>();
		this.supervisor.addListener((event) -> {
			if (event instanceof WorkerAddedEvent added) {
				tablesSeenOnAdd.add(added.worker() + "=" + this.supervisor.tableOf(added.worker()));
			}
		});
		this.supervisor.add(WorkerSpec.builder("tenants-plain", untilStopped("tenants-plain")).build());
		startWith("acme");
		assertThat(tablesSeenOnAdd).containsExactly("tenants-plain=null", "tenants-acme=tenants");

		this.source.set();
		this.fixture.clock.advance(REFRESH);

		awaitPasses(RefreshOutcome.SUCCESS, 2);
		assertThat(this.supervisor.tableOf("tenants-acme")).isNull();
	}

	@Test
	void aTableAddedToARunningSupervisorIsReadAtOnce() {
		this.supervisor.start();
		this.source.set("acme");
		this.supervisor.addTable(table().build());
		awaitState("tenants-acme", WorkerState.RUNNING);
	}

	@Test
	void aKeyAddedToTheSourceStartsOnTheNextRefreshAndNotBefore() {
		startWith("acme");
		this.source.set("acme", "initech");

		this.fixture.clock.advance(REFRESH.minusSeconds(1));
		assertThat(this.supervisor.contains("tenants-initech")).isFalse();
		this.fixture.clock.advance(Duration.ofSeconds(1));

		awaitPasses(RefreshOutcome.SUCCESS, 2);
		awaitState("tenants-initech", WorkerState.RUNNING);
		assertThat(runsOf("tenants-acme")).as("the existing worker is left alone").isEqualTo(1);
	}

	@Test
	void aKeyGoneFromTheSourceHasItsWorkerStoppedAndRemoved() {
		startWith("acme", "globex");
		this.source.set("acme");

		this.fixture.clock.advance(REFRESH);

		awaitPasses(RefreshOutcome.SUCCESS, 2);
		await().untilAsserted(() -> assertThat(this.supervisor.contains("tenants-globex")).isFalse());
		assertThat(this.supervisor.tableStatus("tenants").keys()).containsExactly("acme");
		assertThat(this.supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.RUNNING);
	}

	@Test
	void aKeyWhoseWorkerIsFatalIsStartedAgainOnTheNextPass() {
		AtomicInteger attempts = new AtomicInteger();
		this.source.set("acme");
		this.supervisor.addTable(table((key) -> (context) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IOException("first run fails");
			}
			new CountDownLatch(1).await();
		}).settings((spec) -> spec.maxRestarts(0)).build());
		this.supervisor.start();
		awaitPasses(RefreshOutcome.SUCCESS, 1);
		awaitState("tenants-acme", WorkerState.FATAL);

		this.fixture.clock.advance(REFRESH);

		awaitState("tenants-acme", WorkerState.RUNNING);
		// RUNNING is published before the worker's code runs: wait for the code itself.
		await().untilAsserted(() -> assertThat(attempts).hasValue(2));
	}

	@Test
	void aWorkerStoppedByHandStaysStopped() {
		startWith("acme");
		this.supervisor.stop("tenants-acme");
		awaitState("tenants-acme", WorkerState.STOPPED);

		this.fixture.clock.advance(REFRESH);

		awaitPasses(RefreshOutcome.SUCCESS, 2);
		assertThat(this.supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void aWorkerRemovedByHandIsAddedAgainWhileItsKeyIsInTheSource() {
		startWith("acme");
		this.supervisor.remove("tenants-acme");
		await().untilAsserted(() -> assertThat(this.supervisor.contains("tenants-acme")).isFalse());

		this.fixture.clock.advance(REFRESH);

		awaitState("tenants-acme", WorkerState.RUNNING);
		await().untilAsserted(() -> assertThat(runsOf("tenants-acme")).isEqualTo(2));
	}

	@Test
	void eachWorkerGetsTheTableSettings() {
		this.source.set("acme");
		this.supervisor.addTable(table().settings((spec) -> spec.restart(RestartPolicy.ALWAYS).critical(false)).build());
		this.supervisor.start();

		WorkerStatus status = awaitState("tenants-acme", WorkerState.RUNNING);
		assertThat(this.supervisor.tableStatus("tenants").table().critical()).as("critical as its workers").isFalse();

		assertThat(status.spec().restart()).isEqualTo(RestartPolicy.ALWAYS);
		assertThat(status.spec().critical()).isFalse();
	}

	@Test
	void aFailingSourceKeepsTheWorkersRecordsTheErrorAndIsReadAgainNextPass() {
		startWith("acme", "globex");
		this.source.failWith(new UncheckedIOException(new IOException("database unavailable")));

		this.fixture.clock.advance(REFRESH);

		TableStatus failed = awaitPasses(RefreshOutcome.FAILURE, 1);
		assertThat(failed.keys()).containsExactly("acme", "globex");
		assertThat(failed.consecutiveFailures()).isEqualTo(1);
		assertThat(failed.lastError().outcome()).isEqualTo(RefreshOutcome.FAILURE);
		assertThat(failed.lastError().type()).isEqualTo("java.io.UncheckedIOException");
		assertThat(failed.lastError().message()).isEqualTo(
				"Worker table 'tenants' could not read its keys (UncheckedIOException: java.io.IOException: database unavailable)");
		assertThat(this.supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.RUNNING);
		assertThat(this.supervisor.status("tenants-globex").state()).isEqualTo(WorkerState.RUNNING);

		this.source.set("acme");
		this.fixture.clock.advance(REFRESH);

		TableStatus recovered = awaitPasses(RefreshOutcome.SUCCESS, 2);
		assertThat(recovered.lastError()).isNull();
		assertThat(recovered.consecutiveFailures()).isZero();
		assertThat(recovered.keys()).containsExactly("acme");
	}

	@Test
	void aSourceWhoseMessageThrowsIsRecordedAsAFailure() {
		startWith("acme");
		this.source.failWith(new IllegalStateException() {

			@Override
			public String getMessage() {
				throw new UnsupportedOperationException("no message");
			}

		});

		this.fixture.clock.advance(REFRESH);

		TableStatus failed = awaitPasses(RefreshOutcome.FAILURE, 1);
		assertThat(failed.lastError().message()).startsWith("Worker table 'tenants' could not read its keys (")
			.contains("getMessage() threw java.lang.UnsupportedOperationException");
		assertThat(failed.keys()).containsExactly("acme");
	}

	@Test
	void aSourceThatReturnsNullIsAFailure() {
		startWith("acme");
		this.source.answerNull();

		this.fixture.clock.advance(REFRESH);

		TableStatus failed = awaitPasses(RefreshOutcome.FAILURE, 1);
		assertThat(failed.lastError().message()).contains("returned null");
		assertThat(failed.keys()).containsExactly("acme");
	}

	@Test
	void aHangingSourceIsInterruptedAfterTheReadTimeoutAndTheWorkersAreKept() {
		startWith("acme");
		this.source.hang(true);
		this.fixture.clock.advance(REFRESH);
		await().untilAsserted(() -> assertThat(this.source.reads).hasValue(2));

		this.fixture.clock.advance(READ_TIMEOUT);

		TableStatus timedOut = this.supervisor.tableStatus("tenants");
		assertThat(timedOut.refreshes(RefreshOutcome.TIMEOUT)).isEqualTo(1);
		assertThat(timedOut.lastError().message())
			.isEqualTo("Key source of worker table 'tenants' did not answer within 5s");
		assertThat(timedOut.keys()).containsExactly("acme");
		assertThat(this.supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.RUNNING);
		await().untilAsserted(() -> assertThat(this.source.interrupted).hasValue(1));

		this.source.set("globex");
		this.source.hang(false);
		this.fixture.clock.advance(REFRESH);

		awaitPasses(RefreshOutcome.SUCCESS, 2);
		awaitState("tenants-globex", WorkerState.RUNNING);
	}

	@Test
	void aReadThatOutlivesItsTimeoutIsNeverAppliedNorReadTwiceAtOnce() {
		startWith("acme");
		this.source.set("late");
		this.source.hangIgnoringInterrupts();
		this.fixture.clock.advance(REFRESH);
		await().untilAsserted(() -> assertThat(this.source.reads).hasValue(2));
		this.fixture.clock.advance(READ_TIMEOUT);

		this.fixture.clock.advance(REFRESH);

		TableStatus stillStuck = awaitPasses(RefreshOutcome.TIMEOUT, 2);
		assertThat(stillStuck.lastError().message()).contains("still in the read that timed out");
		assertThat(this.source.reads).hasValue(2);

		this.source.release();
		await().until(() -> this.source.inside.get() == 0);
		assertThat(this.supervisor.contains("tenants-late")).as("the late answer is ignored").isFalse();
		this.source.set("acme", "fresh");
		this.fixture.clock.advance(REFRESH);
		awaitPasses(RefreshOutcome.SUCCESS, 2);
		awaitState("tenants-fresh", WorkerState.RUNNING);
	}

	@Test
	void keysThatAreNotValidAreReportedAndSkipped() {
		this.source.set(Arrays.asList("acme", "has space", "", "tenant/1", null, "ok_1.2-3"));
		this.supervisor.addTable(table().build());
		this.supervisor.start();

		TableStatus status = awaitPasses(RefreshOutcome.SUCCESS, 1);

		assertThat(status.keys()).containsExactly("acme", "ok_1.2-3");
		assertThat(status.rejectedKeys()).containsOnlyKeys("has space", "", "tenant/1", "null")
			.containsEntry("tenant/1", "not a valid key (allowed: letters, digits and _ . -)");
		assertThat(status.lastError()).isNull();
		assertThat(this.supervisor.statuses()).extracting(WorkerStatus::name)
			.containsExactly("tenants-acme", "tenants-ok_1.2-3");
	}

	@Test
	void aKeyWhoseWorkerNameIsTakenIsReportedAndTheWorkerLeftAlone() {
		this.supervisor.add(WorkerSpec.builder("tenants-acme", untilStopped("plain")).build());
		this.source.set("acme", "globex");
		this.supervisor.addTable(table().build());
		this.supervisor.start();

		TableStatus status = awaitPasses(RefreshOutcome.SUCCESS, 1);
		assertThat(status.keys()).containsExactly("globex");
		assertThat(status.rejectedKeys()).containsEntry("acme", "DuplicateWorkerException: Worker 'tenants-acme' is already registered");

		this.source.set("globex");
		this.fixture.clock.advance(REFRESH);
		awaitPasses(RefreshOutcome.SUCCESS, 2);
		assertThat(this.supervisor.contains("tenants-acme")).as("a worker the table did not add is not its to remove")
			.isTrue();
	}

	@Test
	void aKeyWhoseWorkerCannotBeMadeIsReportedAndTheOthersStart() {
		this.source.set("acme", "globex");
		this.supervisor.addTable(table((key) -> {
			if (key.equals("acme")) {
				throw new IllegalArgumentException("no credentials for acme");
			}
			return untilStopped("tenants-" + key);
		}).build());
		this.supervisor.start();

		TableStatus status = awaitPasses(RefreshOutcome.SUCCESS, 1);

		assertThat(status.rejectedKeys()).containsEntry("acme", "IllegalArgumentException: no credentials for acme");
		awaitState("tenants-globex", WorkerState.RUNNING);
	}

	@Test
	void passesNeverOverlapAndRefreshesRequestedDuringAPassBecomeOneMorePass() {
		startWith("acme");
		this.source.hang(true);
		this.supervisor.refreshTable("tenants");
		await().untilAsserted(() -> assertThat(this.source.inside).hasValue(1));

		this.supervisor.refreshTable("tenants");
		this.supervisor.refreshTable("tenants");
		this.fixture.clock.advance(REFRESH.multipliedBy(3).minus(Duration.ofSeconds(1)).dividedBy(1000));
		this.source.set("acme", "globex");
		this.source.hang(false);

		awaitPasses(RefreshOutcome.SUCCESS, 3);
		awaitState("tenants-globex", WorkerState.RUNNING);
		assertThat(this.source.reads).hasValue(3);
		assertThat(this.source.mostInsideAtOnce).hasValue(1);
	}

	@Test
	void refreshReadsTheSourceAtOnceWithoutWaitingForTheInterval() {
		startWith("acme");
		this.source.set("acme", "globex");

		this.supervisor.refreshTable("tenants");

		awaitState("tenants-globex", WorkerState.RUNNING);
		assertThat(this.fixture.clock.nanoTime()).isZero();
	}

	@Test
	void shutdownStopsTheTableWorkersAndNoPassRunsAfterIt() {
		startWith("acme", "globex");

		this.supervisor.shutdown();

		assertThat(this.supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.supervisor.status("tenants-globex").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.fixture.clock.pendingDelays()).as("no pass is scheduled").isEmpty();
		this.source.set("acme", "globex", "initech");
		this.fixture.clock.advance(REFRESH.multipliedBy(5));
		assertThat(this.source.reads).hasValue(1);
		assertThat(this.supervisor.contains("tenants-initech")).isFalse();
	}

	@Test
	void shutdownDuringAHangingReadInterruptsItAndNoPassFollows() {
		startWith("acme");
		this.source.hang(true);
		this.fixture.clock.advance(REFRESH);
		await().untilAsserted(() -> assertThat(this.source.inside).hasValue(1));

		this.supervisor.shutdown();

		await().untilAsserted(() -> assertThat(this.source.interrupted).hasValue(1));
		assertThat(this.fixture.clock.pendingDelays()).isEmpty();
		assertThat(this.supervisor.status("tenants-acme").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void tablesAreListedByNameAndUnknownOrDuplicateNamesAreRefused() {
		this.supervisor.addTable(table().build());
		this.supervisor.addTable(WorkerTable.builder("devices", List::of, (String key) -> untilStopped(key)).build());

		assertThat(this.supervisor.tableStatuses()).extracting(TableStatus::name).containsExactly("devices", "tenants");
		assertThatIllegalArgumentException().isThrownBy(() -> this.supervisor.addTable(table().build()))
			.withMessage("Worker table 'tenants' is already registered");
		assertThatExceptionOfType(NoSuchTableException.class).isThrownBy(() -> this.supervisor.refreshTable("queues"))
			.withMessage("Worker table 'queues' is not registered; known tables: [devices, tenants]");
	}

	@Test
	void theBuilderRefusesBadValuesNamingTheTableTheFieldAndWhatIsAllowed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkerTable.builder("my tenants", this.source, this::untilStopped).build())
			.withMessage("Invalid worker table name: 'my tenants' (allowed: 1 to 64 letters, digits and _ . -, "
					+ "starting with a letter or digit)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> table().refresh(Duration.ZERO).build())
			.withMessage("Invalid refresh for worker table 'tenants': PT0S (allowed: a positive duration of at most 292 years)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> table().readTimeout(Duration.ofDays(365L * 300)).build())
			.withMessageStartingWith("Invalid readTimeout for worker table 'tenants': PT2628000H");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkerTable.builder("tenants", null, this::untilStopped).build())
			.withMessage("Invalid keys for worker table 'tenants': null (allowed: a Supplier of the current keys)");
		assertThatIllegalArgumentException().isThrownBy(() -> table().settings((spec) -> spec.maxRestarts(-5)).build())
			.withMessage("Invalid settings for worker table 'tenants': Invalid maxRestarts for its workers: -5 "
					+ "(allowed: -1 for unlimited, or 0 and more)");
	}

	@Test
	void aCapOnTheKeysOneInstanceLeadsBelongsToASingletonTableAndSurvivesACopy() {
		WorkerTable<String> capped = table().settings((spec) -> spec.singleton(true)).maxPerInstance(15).build();

		assertThat(capped.singleton()).isTrue();
		assertThat(capped.maxPerInstance()).hasValue(15);
		assertThat(capped.toBuilder().refresh(Duration.ofSeconds(1)).build().maxPerInstance()).hasValue(15);
		assertThat(table().build().maxPerInstance()).as("no cap unless set").isEmpty();
	}

	@Test
	void theBuilderRefusesACapBelowOneOrOnATableWhoseWorkersAreNotSingletons() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> table().settings((spec) -> spec.singleton(true)).maxPerInstance(0).build())
			.withMessage("Invalid maxPerInstance for worker table 'tenants': 0 (allowed: at least 1)");
		assertThatIllegalArgumentException().isThrownBy(() -> table().maxPerInstance(3).build())
			.withMessage("Invalid maxPerInstance for worker table 'tenants': 3 (allowed: only for a table whose "
					+ "workers are singletons; set singleton(true) in its settings)");
	}

	private WorkerTable.Builder<String> table() {
		return table((key) -> untilStopped("tenants-" + key));
	}

	private WorkerTable.Builder<String> table(Function<String, Worker> worker) {
		return WorkerTable.builder("tenants", this.source, worker).refresh(REFRESH).readTimeout(READ_TIMEOUT);
	}

	private void startWith(String... keys) {
		this.source.set(keys);
		this.supervisor.addTable(table().build());
		this.supervisor.start();
		awaitPasses(RefreshOutcome.SUCCESS, 1);
		for (String key : keys) {
			awaitState("tenants-" + key, WorkerState.RUNNING);
			await().untilAsserted(() -> assertThat(runsOf("tenants-" + key)).isEqualTo(1));
		}
	}

	/** Wait until a pass has added the worker, then until it is in the state. */
	private WorkerStatus awaitState(String name, WorkerState state) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.supervisor.contains(name));
		return this.fixture.awaitState(name, state);
	}

	private TableStatus awaitPasses(RefreshOutcome outcome, long count) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(2))
			.untilAsserted(() -> assertThat(this.supervisor.tableStatus("tenants").refreshes(outcome)).isEqualTo(count));
		return this.supervisor.tableStatus("tenants");
	}

	/** Runs until stopped, counting its runs under the given name. */
	private Worker untilStopped(String name) {
		return (context) -> {
			this.runs.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
			new CountDownLatch(1).await();
		};
	}

	private int runsOf(String name) {
		AtomicInteger count = this.runs.get(name);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Keys set by the test; can fail, answer null, or hang (until interrupted, or until released).
	 */
	static final class KeySource implements Supplier<Collection<String>> {

		final AtomicInteger reads = new AtomicInteger();

		final AtomicInteger inside = new AtomicInteger();

		final AtomicInteger mostInsideAtOnce = new AtomicInteger();

		final AtomicInteger interrupted = new AtomicInteger();

		private volatile List<String> keys = List.of();

		private volatile RuntimeException failure;

		private volatile boolean answerNull;

		private volatile boolean hang;

		private volatile boolean ignoreInterrupts;

		private volatile CountDownLatch gate = new CountDownLatch(0);

		void set(String... keys) {
			set(Arrays.asList(keys));
		}

		void set(List<String> keys) {
			this.keys = keys;
			this.failure = null;
			this.answerNull = false;
		}

		void failWith(RuntimeException failure) {
			this.failure = failure;
		}

		void answerNull() {
			this.answerNull = true;
		}

		void hang(boolean hang) {
			this.hang = hang;
			this.ignoreInterrupts = false;
			if (hang) {
				this.gate = new CountDownLatch(1);
			}
			else {
				this.gate.countDown();
			}
		}

		void hangIgnoringInterrupts() {
			hang(true);
			this.ignoreInterrupts = true;
		}

		void release() {
			this.gate.countDown();
		}

		@Override
		public Collection<String> get() {
			this.reads.incrementAndGet();
			this.mostInsideAtOnce.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
			try {
				awaitGate();
				if (this.failure != null) {
					throw this.failure;
				}
				return this.answerNull ? null : this.keys;
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

		private void awaitGate() {
			CountDownLatch current = this.gate;
			while (true) {
				try {
					current.await();
					return;
				}
				catch (InterruptedException ex) {
					this.interrupted.incrementAndGet();
					if (!this.ignoreInterrupts) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("interrupted while reading keys");
					}
				}
			}
		}

	}

}
