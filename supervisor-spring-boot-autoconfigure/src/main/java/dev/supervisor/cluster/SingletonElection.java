package dev.supervisor.cluster;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

import dev.supervisor.core.Lease;
import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.Supervisor;

/**
 * The election of one singleton: a {@link LockRegistryLeaderInitiator} on lock key
 * {@code supervisor/<name>} whose grants and revocations become the worker's leadership.
 * <p>
 * Fencing: the initiator re-acquires its lock every heartbeat; each successful acquisition
 * renews the worker's {@link Lease} from the instant the attempt <em>began</em>, so the lease
 * (the lock's time-to-live minus a safety margin) always ends before the lock could expire in
 * the store. A lease that ran out while the lock was still renewed (a pause shorter than the
 * time-to-live, a slow store) is granted afresh on the next renewal.
 * <p>
 * Capped: the key of a worker table with a {@code max-per-instance} first takes one of its
 * table's permits (see {@link TableCaps}) before trying a lock it does not hold, and gives the
 * permit back once the lock is released or lost. Without a permit it does not touch the store; it
 * tries again every 100 ms, as a blocking attempt on a JDBC lock polls.
 */
final class SingletonElection {

	private static final Log logger = LogFactory.getLog(SingletonElection.class);

	/**
	 * How often a capped election tries a lock it does not hold while waiting: as often as
	 * Spring Integration's JDBC locks poll their table by default.
	 */
	private static final Duration CAPPED_RETRY = Duration.ofMillis(100);

	/** The prefix of every singleton's lock key. */
	static final String LOCK_KEY_PREFIX = "supervisor/";

	private final String worker;

	private final Supervisor supervisor;

	private final Duration leaseValidity;

	private final LockRegistryLeaderInitiator initiator;

	/** Whether the initiator holds the lock: from its grant until its revocation. */
	private volatile boolean leading;

	/** When the last successful acquisition of the lock began, on the supervisor's clock. */
	private volatile long lastAcquiredAt;

	/** The lease given with the current grant, {@code null} while not leading. */
	private volatile @Nullable Lease lease;

	/** The permits of this worker's table, {@code null} if its leadership is not capped. */
	private final @Nullable Semaphore permits;

	/**
	 * Whether the worker was removed: the election no longer grants, renews or revokes
	 * anything, since a worker of the same name added later is not this one.
	 */
	private volatile boolean abandoned;

	/** The lock the initiator obtained, once it has. */
	private volatile @Nullable RenewalRecordingLock lock;

	SingletonElection(String worker, Supervisor supervisor, LockRegistry<?> locks, Duration leaseValidity,
			Duration heartbeat, String instanceId, @Nullable Semaphore permits) {
		this.worker = worker;
		this.permits = permits;
		this.supervisor = supervisor;
		this.leaseValidity = leaseValidity;
		LockRegistry<Lock> renewing = (key) -> {
			RenewalRecordingLock obtained = new RenewalRecordingLock(locks.obtain(key));
			this.lock = obtained;
			return obtained;
		};
		this.initiator = new LockRegistryLeaderInitiator(renewing, new SingletonCandidate(instanceId));
		this.initiator.setHeartBeatMillis(heartbeat.toMillis());
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("supervisor-election-" + worker + "-");
		executor.setDaemon(true);
		this.initiator.setTaskExecutor(executor);
	}

	String worker() {
		return this.worker;
	}

	static String lockKey(String worker) {
		return LOCK_KEY_PREFIX + worker;
	}

	void start() {
		this.initiator.start();
	}

	/**
	 * Stop electing and release the lock if held, without waiting: the release happens on the
	 * initiator's thread.
	 */
	void release() {
		this.initiator.stop();
	}

	/**
	 * End the election of a removed worker: release the lock if held, without waiting, and
	 * leave the supervisor alone from now on.
	 */
	void abandon() {
		this.abandoned = true;
		this.initiator.stop();
	}

	/**
	 * Stop electing and release the lock if held, waiting up to {@code timeout} for the release
	 * (it happens on the initiator's thread), so another instance can take over at once.
	 * @return whether the lock was released within the timeout
	 */
	boolean stop(Duration timeout) throws InterruptedException {
		this.initiator.stop();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.leading && System.nanoTime() - deadline < 0) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
		this.initiator.destroy();
		return !this.leading;
	}

	boolean isLeading() {
		return this.leading;
	}

	private void acquired(long attemptBegan) {
		this.lastAcquiredAt = attemptBegan;
		Lease current = this.lease;
		if (current == null || this.abandoned) {
			return;
		}
		try {
			if (current.isValid() && this.supervisor.isLeader(this.worker)) {
				current.renew(attemptBegan);
			}
			else {
				// The lease ran out although the lock was kept: this instance leads again.
				grant(attemptBegan);
			}
		}
		catch (NoSuchWorkerException ex) {
			// Removed while elected: nothing to renew.
		}
	}

	/** Stop the worker here: its stop is requested before its lock can be released. */
	private void revoke() {
		this.lease = null;
		if (this.abandoned) {
			return;
		}
		try {
			this.supervisor.revokeLeadership(this.worker);
		}
		catch (NoSuchWorkerException ex) {
			// Removed: nothing left to stop.
		}
	}

	private void grant(long acquiredAt) {
		if (this.abandoned) {
			return;
		}
		Lease granted = Lease.renewedAt(this.supervisor.scheduler(), this.leaseValidity, acquiredAt);
		this.lease = granted;
		this.supervisor.grantLeadership(this.worker, granted);
	}

	private final class SingletonCandidate implements Candidate {

		private final String id;

		SingletonCandidate(String id) {
			this.id = id;
		}

		@Override
		public String getRole() {
			return lockKey(SingletonElection.this.worker);
		}

		@Override
		public String getId() {
			return this.id;
		}

		@Override
		public void onGranted(Context context) {
			SingletonElection.this.leading = true;
			try {
				grant(SingletonElection.this.lastAcquiredAt);
			}
			catch (NoSuchWorkerException ex) {
				logger.debug("Singleton '" + SingletonElection.this.worker + "' was removed; ignoring its leadership");
			}
		}

		@Override
		public void onRevoked(Context context) {
			revoke();
			RenewalRecordingLock held = SingletonElection.this.lock;
			if (held != null) {
				held.releaseAll();
			}
			SingletonElection.this.leading = false;
		}

	}

	/**
	 * A lock that reports each successful acquisition with the time the attempt began, and
	 * counts the holds the initiator's thread has on it.
	 * <p>
	 * The initiator re-acquires its lock each heartbeat and releases one hold afterwards,
	 * keeping one. When a renewal fails (the lock was lost in the store) it declares the
	 * leadership revoked without releasing that hold, so the lock would count one hold too many
	 * from then on, and its final release on shutdown would only decrement the count instead of
	 * deleting the lock in the store: the next instance would wait for the time-to-live.
	 * {@link #releaseAll()} drops every remaining hold on revocation.
	 */
	private final class RenewalRecordingLock implements Lock {

		private final Lock delegate;

		/** Holds taken through this lock and not released; used on the initiator's thread only. */
		private int holds;

		/**
		 * Whether this lock holds one of its table's permits: from the acquisition that took the
		 * first hold until the release of the last one. Used on the initiator's thread only.
		 */
		private boolean permitTaken;

		RenewalRecordingLock(Lock delegate) {
			this.delegate = delegate;
		}

		@Override
		public void lock() {
			requireUncapped("lock()");
			long began = SingletonElection.this.supervisor.scheduler().nanoTime();
			this.delegate.lock();
			this.holds++;
			acquired(began);
		}

		@Override
		public void lockInterruptibly() throws InterruptedException {
			requireUncapped("lockInterruptibly()");
			long began = SingletonElection.this.supervisor.scheduler().nanoTime();
			this.delegate.lockInterruptibly();
			this.holds++;
			acquired(began);
		}

		@Override
		public boolean tryLock() {
			if (needsPermit()) {
				return tryLockWithPermit();
			}
			long began = SingletonElection.this.supervisor.scheduler().nanoTime();
			boolean locked = this.delegate.tryLock();
			if (locked) {
				this.holds++;
				acquired(began);
			}
			return locked;
		}

		@Override
		public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
			if (needsPermit()) {
				return tryLockWithPermit(unit.toNanos(time));
			}
			long began = SingletonElection.this.supervisor.scheduler().nanoTime();
			boolean locked = this.delegate.tryLock(time, unit);
			if (locked) {
				this.holds++;
				acquired(began);
			}
			return locked;
		}

		/** Whether the next acquisition would take a lock this instance does not hold yet. */
		private boolean needsPermit() {
			return SingletonElection.this.permits != null && this.holds == 0;
		}

		/**
		 * Attempts on the store every {@link #CAPPED_RETRY} until the lock is taken or the time is
		 * up, as a blocking attempt polls, so that a free key is taken soon after its lock
		 * expires and the initiator does not spin. The permit is held only during each attempt,
		 * never while waiting, so that other keys of the table can try theirs.
		 */
		private boolean tryLockWithPermit(long nanos) throws InterruptedException {
			long deadline = System.nanoTime() + nanos;
			while (true) {
				if (tryLockWithPermit()) {
					return true;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.sleep(Math.min(left, CAPPED_RETRY.toNanos()));
				if (SingletonElection.this.abandoned) {
					return false;
				}
			}
		}

		/**
		 * One attempt on the store, only if the table's cap leaves a permit, which is kept while
		 * the lock is held. The permit is taken before the attempt so that two keys of one table
		 * never both pass the cap.
		 */
		private boolean tryLockWithPermit() {
			Semaphore available = SingletonElection.this.permits;
			if (available == null || !available.tryAcquire()) {
				return false;
			}
			long began = SingletonElection.this.supervisor.scheduler().nanoTime();
			boolean locked = false;
			try {
				locked = this.delegate.tryLock();
			}
			finally {
				if (!locked) {
					available.release();
				}
			}
			if (!locked) {
				return false;
			}
			this.permitTaken = true;
			this.holds++;
			acquired(began);
			return true;
		}

		private void requireUncapped(String method) {
			if (SingletonElection.this.permits != null) {
				throw new UnsupportedOperationException("The election of capped singleton '"
						+ SingletonElection.this.worker + "' only tries its lock; " + method + " would bypass its cap");
			}
		}

		@Override
		public void unlock() {
			if (this.holds == 1) {
				// The last hold: once released in the store another instance may take over, so
				// the worker is asked to stop first.
				revoke();
			}
			try {
				this.delegate.unlock();
			}
			finally {
				// A failed release in the store still releases the local hold.
				this.holds = Math.max(0, this.holds - 1);
				if (this.holds == 0 && this.permitTaken) {
					this.permitTaken = false;
					Semaphore held = SingletonElection.this.permits;
					if (held != null) {
						held.release();
					}
				}
			}
		}

		/**
		 * Release every hold left, deleting the lock in the store if this instance still owns
		 * it there. Called on the initiator's thread when it revokes the leadership.
		 */
		void releaseAll() {
			while (this.holds > 0) {
				try {
					unlock();
				}
				catch (RuntimeException ex) {
					// Lost in the store (another instance owns it now) or on another thread:
					// the local hold is gone either way.
					logger.debug("Released a lost lock of singleton '" + SingletonElection.this.worker + "': " + ex);
				}
			}
		}

		@Override
		public Condition newCondition() {
			return this.delegate.newCondition();
		}

	}

}
