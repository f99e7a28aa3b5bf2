package dev.supervisor.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.Scheduler;
import dev.supervisor.core.Scheduler.Cancellable;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.table.RefreshOutcome;
import dev.supervisor.core.table.TableStatus;
import dev.supervisor.core.table.TableStatus.TableError;
import dev.supervisor.core.table.WorkerTable;

/**
 * Keeps a supervisor's workers in line with the keys of one {@link WorkerTable}: the engine
 * behind a table, as {@link WorkerRunner} is behind a worker.
 * <p>
 * A pass reads the key source on a thread of its own, bounded by a timeout on the scheduler, then
 * reconciles on that same thread ({@link TableMembership}). Invariants, enforced under
 * {@link #lock}: at most one pass is in progress ({@link #pass}); a pass that is reading has a
 * pending timeout; after {@link #stop()} no pass begins until {@link #start()}. The membership is
 * touched only by the thread of the pass in progress, while it reconciles or under the lock, so
 * passes hand it over safely.
 * The supervisor's methods are called outside the lock, so its listeners never run under it.
 *
 * @param <K> the type of the keys
 */
public final class TableReconciler<K> {

	private static final Logger logger = LoggerFactory.getLogger(WorkerTable.class);

	private final WorkerTable<K> table;

	private final Supervisor supervisor;

	private final Scheduler scheduler;

	private final ThreadFactory threadFactory;

	private final ReentrantLock lock = new ReentrantLock();

	private final TableMembership<K> membership;

	private final EnumMap<RefreshOutcome, Long> refreshes = new EnumMap<>(RefreshOutcome.class);

	private volatile boolean running;

	private volatile TableStatus status;

	private @Nullable Pass pass;

	private boolean refreshRequested;

	private @Nullable Cancellable nextPass;

	/** The reader of the last pass that timed out; it may still be in the key source. */
	private @Nullable Thread timedOutReader;

	private @Nullable Instant lastRefresh;

	private @Nullable TableError lastError;

	private int consecutiveFailures;

	public TableReconciler(WorkerTable<K> table, Supervisor supervisor, Scheduler scheduler,
			ThreadFactory threadFactory) {
		this.table = table;
		this.supervisor = supervisor;
		this.scheduler = scheduler;
		this.threadFactory = threadFactory;
		this.membership = new TableMembership<>(table, supervisor, () -> this.running);
		this.status = snapshot();
	}

	public WorkerTable<K> table() {
		return this.table;
	}

	public TableStatus status() {
		return this.status;
	}

	/**
	 * Whether a worker belongs to this table. Already true when the worker's added event is
	 * published.
	 * @param workerName the worker's name
	 * @return {@code true} if the table added it and has not removed it
	 */
	public boolean owns(String workerName) {
		return this.membership.owns(workerName);
	}

	/**
	 * Begin reconciling: a pass now, then one every refresh. Does nothing if started.
	 */
	public void start() {
		passNow(true);
	}

	/**
	 * Run a pass now, or right after the one in progress. Does nothing unless started.
	 */
	public void refresh() {
		passNow(false);
	}

	/**
	 * Begin a pass, or ask for one right after the pass in progress (which may be a pass stopped
	 * while reconciling, still finishing).
	 * @param starting whether this starts the reconciler; otherwise it must be running already
	 */
	private void passNow(boolean starting) {
		Thread reader;
		this.lock.lock();
		try {
			if (starting ? this.running : !this.running) {
				return;
			}
			this.running = true;
			if (this.pass != null) {
				this.refreshRequested = true;
				return;
			}
			reader = beginPass();
		}
		finally {
			this.lock.unlock();
		}
		startReader(reader);
	}

	/**
	 * Stop reconciling: no pass begins after this returns. A read in progress is interrupted and
	 * its result ignored; a reconciliation in progress can no longer start workers, because the
	 * supervisor refuses them once shut down. Never waits.
	 */
	public void stop() {
		this.lock.lock();
		try {
			this.running = false;
			this.refreshRequested = false;
			if (this.nextPass != null) {
				this.nextPass.cancel();
				this.nextPass = null;
			}
			if (this.pass != null && this.pass.reading) {
				this.pass.timeout.cancel();
				this.pass.reader.interrupt();
				this.timedOutReader = this.pass.reader;
				this.pass = null;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void tick() {
		Thread reader;
		this.lock.lock();
		try {
			if (!this.running || this.pass != null) {
				return;
			}
			reader = beginPass();
		}
		finally {
			this.lock.unlock();
		}
		startReader(reader);
	}

	/**
	 * Begin a pass; the caller holds the lock, is running and has no pass in progress.
	 * @return the reader thread to start once the lock is released, or {@code null} if the pass
	 * ended at once
	 */
	private @Nullable Thread beginPass() {
		if (this.nextPass != null) {
			this.nextPass.cancel();
			this.nextPass = null;
		}
		if (this.timedOutReader != null && this.timedOutReader.isAlive()) {
			TableError error = new TableError(RefreshOutcome.TIMEOUT, null, "Key source of worker table '"
					+ this.table.name() + "' is still in the read that timed out; not reading it again until it returns",
					this.scheduler.now());
			return endPass(RefreshOutcome.TIMEOUT, error);
		}
		Pass begun = new Pass();
		Thread reader;
		try {
			reader = this.threadFactory.newThread(() -> read(begun));
			reader.setName("supervisor-table-" + this.table.name());
		}
		catch (Throwable ex) {
			return endPass(RefreshOutcome.FAILURE, error(RefreshOutcome.FAILURE, ex, "could not start its reader"));
		}
		begun.reader = reader;
		this.pass = begun;
		this.timedOutReader = null;
		begun.timeout = this.scheduler.schedule(() -> timedOut(begun), this.table.readTimeout());
		return reader;
	}

	private void startReader(@Nullable Thread reader) {
		if (reader != null) {
			reader.start();
		}
	}

	private void read(Pass current) {
		List<K> keys = null;
		Throwable thrown = null;
		try {
			Collection<K> source = this.table.keys().get();
			if (source == null) {
				thrown = new NullPointerException("the key source returned null instead of a collection");
			}
			else {
				keys = new ArrayList<>(source);
			}
		}
		catch (Throwable ex) {
			thrown = ex;
		}
		this.lock.lock();
		try {
			if (this.pass != current || !current.reading) {
				return;
			}
			current.reading = false;
			current.timeout.cancel();
		}
		finally {
			this.lock.unlock();
		}
		if (thrown != null) {
			finish(current, RefreshOutcome.FAILURE, error(RefreshOutcome.FAILURE, thrown, "could not read its keys"));
		}
		else {
			this.membership.reconcile(keys);
			finish(current, RefreshOutcome.SUCCESS, null);
		}
	}

	private void timedOut(Pass current) {
		Thread next;
		this.lock.lock();
		try {
			if (this.pass != current || !current.reading) {
				return;
			}
			current.reading = false;
			current.reader.interrupt();
			this.timedOutReader = current.reader;
			this.pass = null;
			next = endPass(RefreshOutcome.TIMEOUT, new TableError(RefreshOutcome.TIMEOUT, null, "Key source of worker table '"
					+ this.table.name() + "' did not answer within " + format(this.table.readTimeout()),
					this.scheduler.now()));
		}
		finally {
			this.lock.unlock();
		}
		startReader(next);
	}

	private void finish(Pass current, RefreshOutcome outcome, @Nullable TableError error) {
		Thread next;
		this.lock.lock();
		try {
			if (this.pass != current) {
				return;
			}
			this.pass = null;
			next = endPass(outcome, error);
		}
		finally {
			this.lock.unlock();
		}
		startReader(next);
	}

	/**
	 * Record how a pass ended and plan the next; the caller holds the lock and no pass is in
	 * progress.
	 * @return the reader of a pass begun at once, or {@code null}
	 */
	private @Nullable Thread endPass(RefreshOutcome outcome, @Nullable TableError error) {
		this.refreshes.merge(outcome, 1L, Long::sum);
		if (outcome == RefreshOutcome.SUCCESS) {
			if (this.consecutiveFailures > 0) {
				logger.info("Worker table '{}' read its keys again after {} failed passes", this.table.name(),
						this.consecutiveFailures);
			}
			this.lastRefresh = this.scheduler.now();
			this.lastError = null;
			this.consecutiveFailures = 0;
		}
		else {
			if (this.consecutiveFailures == 0) {
				logger.warn("{}; keeping its {} workers and reading again in {}", error.message(), this.membership.keys().size(),
						format(this.table.refresh()));
			}
			else {
				logger.debug("{} ({} failed passes in a row)", error.message(), this.consecutiveFailures + 1);
			}
			this.lastError = error;
			this.consecutiveFailures++;
		}
		Thread next = null;
		if (this.running) {
			if (this.refreshRequested) {
				this.refreshRequested = false;
				next = beginPass();
			}
			else {
				this.nextPass = this.scheduler.schedule(this::tick, this.table.refresh());
			}
		}
		// Published last: whoever sees this pass's outcome also finds the next pass scheduled.
		this.status = snapshot();
		return next;
	}

	private TableStatus snapshot() {
		return new TableStatus(this.table, this.membership.keys(), this.lastRefresh, this.lastError,
				this.consecutiveFailures, this.membership.rejected(), this.refreshes);
	}

	private TableError error(RefreshOutcome outcome, Throwable thrown, String what) {
		return new TableError(outcome, thrown.getClass().getName(),
				"Worker table '" + this.table.name() + "' " + what + " (" + Throwables.describe(thrown) + ")", this.scheduler.now());
	}

	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/** One pass: reading while {@link #reading}, then reconciling on the reader's thread. */
	private static final class Pass {

		private Thread reader;

		private Cancellable timeout;

		private boolean reading = true;

	}

}
