package dev.supervisor.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import dev.supervisor.core.DoNotRestartException;
import dev.supervisor.core.Lease;
import dev.supervisor.core.RunObserver;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.Scheduler;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.event.LeadershipGrantedEvent;
import dev.supervisor.core.event.LeadershipRevokedEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerAddedEvent;
import dev.supervisor.core.event.WorkerRemovedEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.core.event.WorkerExitedEvent;
import dev.supervisor.core.event.WorkerReadyEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

/**
 * The state machine of one worker.
 * <p>
 * Invariants, all enforced under {@link #lock}:
 * <ul>
 * <li>{@link #state} changes only in {@link #moveTo}, which checks
 * {@link WorkerState#canMoveTo}.</li>
 * <li>{@link #snapshot} is {@code null} or equal to what {@link #takeSnapshot()} would return
 * now: every change of a field a status shows ({@link #changed()}) clears it, and
 * {@link #status()} takes a new one under the lock when it finds none. So a status is built
 * when read, not on every change, and an idle worker's is read without the lock.</li>
 * <li>{@link #run} is non-null exactly while the worker's thread runs user code or its
 * epilogue: in {@code RUNNING} and {@code STOPPING}.</li>
 * <li>{@link #pending} is non-null exactly while a start is scheduled: in {@code STARTING} and
 * {@code BACKOFF}. A scheduled task runs only if its {@link #generation} is still current, so
 * a task that fires after being cancelled does nothing.</li>
 * <li>The events of a run (started, ready, exited, restarting, state changed) are made only
 * when someone hears them ({@link #heard}): a listener, the event log at the event's level, or
 * the worker's group. Events are queued under the lock and delivered after it is released
 * ({@link EventQueue}), never on the scheduler's thread: what a timer queues is delivered by
 * the run's new thread or, when none could be made, on the supervisor's delivery
 * executor.</li>
 * <li>{@link WorkerRemovedEvent} is queued once, and is the last event; the name is freed
 * ({@code onRemoved}) only after listeners heard it, so a worker added again under the same
 * name is always announced after its predecessor's removal.</li>
 * <li>While {@link #restartsHeld}, a run whose policy restarts it leaves the worker in
 * {@code BACKOFF} with nothing pending: its group decides when it runs again
 * ({@link #restartByGroup()}).</li>
 * <li>Nothing here calls user code under the lock, and what user code threw is read through
 * {@link Throwables}, so no worker or listener can leave the state machine half-way.</li>
 * <li>A singleton's run (or that of a member of a singleton group, {@link #ledByGroup}) starts
 * only while {@link #lease} is non-null (this instance leads);
 * {@link #leaseCheck} is pending exactly while it is, and every way of losing the lease goes
 * through {@link #loseLeadership}, which leaves a running worker {@code STOPPING} on its way to
 * {@code STANDBY}.</li>
 * <li>Each thread this worker starts is counted in the supervisor's {@link LiveThreads} from just
 * before {@link Thread#start()} (or until that fails) to the end of {@link #execute}, after its
 * last run's events were drained, so a shutdown that finds none counted waits for no thread.</li>
 * <li>Run observers are called on the run's thread without the lock, in {@link #execute}: before
 * the worker's code, and after the run's end is decided but before its events are delivered.</li>
 * </ul>
 */
public final class WorkerRunner {

	/** How many finished runs each worker keeps for its status. */
	public static final int HISTORY_SIZE = 10;

	private final WorkerSpec spec;

	/** What every worker of the supervisor shares, held once rather than field by field. */
	private final Shared shared;

	private final EventQueue events;

	private final ReentrantLock lock = new ReentrantLock();

	/** Made by the first restart that counts against a limit: most workers never need one. */
	private @Nullable RestartWindow restartWindow;

	/**
	 * The runs before {@link #lastExit}, oldest first, made when the second run ends: until then
	 * the history is {@code lastExit} alone. Most workers of a large fleet run once, and their
	 * one record is all a shutdown keeps of them.
	 */
	private @Nullable ArrayDeque<RunRecord> history;

	private WorkerState state = WorkerState.STOPPED;

	private RunContext run;

	private Scheduler.Cancellable pending;

	/** The next run, when a restart without delay continues on the ending run's thread. */
	private RunContext runOnThisThread;

	private long generation;

	private int attempt;

	private int restarts;

	private int backoffStep;

	/** What to do once the current run has stopped: set by start or restart while stopping. */
	private AfterStop afterStop = AfterStop.NOTHING;

	/** Whether the worker was ever started; {@link #autoStart()} starts only those never started. */
	private boolean everStarted;

	private boolean removed;

	/** Whether the worker's group decides its restarts. */
	private boolean restartsHeld;

	/**
	 * When the current or last run began, as {@link Instant}'s two fields rather than an object
	 * kept by every worker; {@link #startedAtNano} is {@code -1} if it never ran.
	 */
	private long startedAtSecond;

	private int startedAtNano = -1;

	private RunRecord lastExit;

	/** The status last read, or {@code null} if something it shows changed since. */
	private volatile @Nullable WorkerStatus snapshot;

	/**
	 * Whether the worker is a member of a singleton group: it runs only under the group's
	 * lease, as a singleton does under its own.
	 */
	private boolean ledByGroup;

	/** The lease of a singleton's leadership while this instance holds it, else {@code null}. */
	private Lease lease;

	/** The timer that notices {@link #lease} running out, pending while it is held. */
	private Scheduler.Cancellable leaseCheck;

	/**
	 * Create the state machine of a worker, in state {@code STOPPED}, whose every event is
	 * delivered and whose timestamps come from its own {@link WallClock}.
	 * @param spec the worker
	 * @param scheduler the source of time
	 * @param threadFactory makes the thread of each start and each delayed restart
	 * @param random picks backoff jitter
	 * @param delivery receives events, outside the lock
	 * @param onRemoved called once the worker is removed, its thread has ended and listeners
	 * have heard of the removal
	 * @param shutDown whether the supervisor is shut down; checked under the lock before every
	 * start, so no start can slip past a shutdown that already stopped this worker
	 * @param deliveryExecutor delivers events when the thread that queued them must not call
	 * listeners (the scheduler's, a shutting-down caller's)
	 * @param observers wrap each run on its thread
	 */
	public WorkerRunner(WorkerSpec spec, Scheduler scheduler, ThreadFactory threadFactory, RandomGenerator random,
			Consumer<SupervisorEvent> delivery, Consumer<WorkerRunner> onRemoved, BooleanSupplier shutDown,
			Executor deliveryExecutor, RunObservers observers) {
		this(spec, new Shared(scheduler, new WallClock(scheduler), threadFactory, random, EventAudience.EVERYONE,
				new Delivery(delivery, onRemoved), shutDown, deliveryExecutor, observers, new LiveThreads()));
	}

	/**
	 * Create the state machine of a worker, in state {@code STOPPED}.
	 * @param spec the worker
	 * @param shared what the supervisor's workers share
	 */
	public WorkerRunner(WorkerSpec spec, Shared shared) {
		this.spec = spec;
		this.shared = shared;
		this.events = new EventQueue(shared.delivery(), this);
		this.events.add(new WorkerAddedEvent(spec.name(), spec, now()));
	}

	/**
	 * What every worker of one supervisor shares.
	 * @param scheduler the source of time
	 * @param clock the wall clock of timestamps, read through {@code scheduler}
	 * @param threadFactory makes the thread of each start and each delayed restart
	 * @param random picks backoff jitter
	 * @param audience says whether a run's events are heard, so that they are made at all
	 * @param delivery receives events outside the lock, and frees the name of a removed worker
	 * once listeners heard of its removal and its thread has ended
	 * @param shutDown whether the supervisor is shut down; checked under the lock before every
	 * start, so no start can slip past a shutdown that already stopped this worker
	 * @param deliveryExecutor delivers events when the thread that queued them must not call
	 * listeners (the scheduler's, a shutting-down caller's)
	 * @param observers wrap each run on its thread
	 * @param liveThreads counts the workers' threads until their last run's events were
	 * delivered, so a shutdown waits once for all of them
	 */
	public record Shared(Scheduler scheduler, WallClock clock, ThreadFactory threadFactory, RandomGenerator random,
			EventAudience audience, Delivery delivery, BooleanSupplier shutDown, Executor deliveryExecutor,
			RunObservers observers, LiveThreads liveThreads) {
	}

	/**
	 * Where the events of the workers of one supervisor go: shared by all of them, so a worker
	 * holds no delivery objects of its own.
	 * @param listeners hears every event, outside the lock
	 * @param onRemoved called once a worker is removed, its thread has ended and listeners have
	 * heard of the removal
	 */
	public record Delivery(Consumer<SupervisorEvent> listeners, Consumer<WorkerRunner> onRemoved) {

		void deliver(SupervisorEvent event, WorkerRunner runner) {
			this.listeners.accept(event);
			if (event instanceof WorkerRemovedEvent) {
				this.onRemoved.accept(runner);
			}
		}

	}

	/**
	 * Deliver the events queued so far, such as the {@link WorkerAddedEvent} queued on creation.
	 * Every control method does this on its own.
	 */
	public void publishEvents() {
		this.events.drain();
	}

	/**
	 * Have the queued events delivered on the delivery executor, so that this thread calls no
	 * listener. If the executor refuses, they wait for the next delivery on any thread.
	 */
	public void publishEventsElsewhere() {
		if (this.events.isIdle()) {
			return;
		}
		try {
			this.shared.deliveryExecutor().execute(this.events::drain);
		}
		catch (Throwable ex) {
			// No thread to deliver on now (resource exhaustion): the events stay queued, in order.
		}
	}

	/**
	 * Whether the worker is being removed: its name is not free yet.
	 * @return {@code true} once {@link #remove()} was called
	 */
	public boolean isRemoved() {
		this.lock.lock();
		try {
			return this.removed;
		}
		finally {
			this.lock.unlock();
		}
	}

	public WorkerSpec spec() {
		return this.spec;
	}

	public WorkerStatus status() {
		WorkerStatus current = this.snapshot;
		if (current != null) {
			return current;
		}
		this.lock.lock();
		try {
			current = this.snapshot;
			if (current == null) {
				current = takeSnapshot();
				this.snapshot = current;
			}
			return current;
		}
		finally {
			this.lock.unlock();
		}
	}

	Scheduler scheduler() {
		return this.shared.scheduler();
	}

	/**
	 * Start the worker if it is not active; a worker that is stopping starts again once stopped.
	 * Resets the attempt count, backoff and restart window.
	 */
	public void start() {
		this.lock.lock();
		try {
			if (this.state == WorkerState.STOPPING) {
				this.afterStop = AfterStop.START;
			}
			else if (!this.state.isActive() || (this.state == WorkerState.STANDBY && this.lease != null)) {
				// A member of a singleton group waits in STANDBY with its lease for its turn.
				startExplicitly();
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Start the worker if it was never started: what the supervisor does for workers with
	 * {@code autoStartup}. A worker started explicitly, or already ended, is left alone, so a
	 * worker added while the supervisor starts runs once.
	 */
	public void autoStart() {
		this.lock.lock();
		try {
			if (!this.everStarted && this.state == WorkerState.STOPPED) {
				startExplicitly();
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Request a stop: a pending start or backoff is cancelled at once; a running worker is
	 * flagged and interrupted and becomes {@code STOPPED} when its thread ends.
	 */
	public void stop() {
		this.lock.lock();
		try {
			this.afterStop = AfterStop.NOTHING;
			stopNow();
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Stop the worker if it is active, as a shutdown does, without delivering the events it
	 * causes: they are left to the worker's thread or to {@link #publishEventsElsewhere()}. An
	 * {@code EXITED} or {@code FATAL} worker keeps its state, which says how it ended.
	 * @return whether the worker was active
	 */
	public boolean stopForShutdown() {
		this.lock.lock();
		try {
			this.afterStop = AfterStop.NOTHING;
			if (this.state.isActive()) {
				stopNow();
				return true;
			}
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the worker is in an active state, read without building a status.
	 * @return {@code true} if {@link WorkerState#isActive()}
	 */
	public boolean isActive() {
		this.lock.lock();
		try {
			return this.state.isActive();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether a restart the policy asks for waits for the worker's group instead of the backoff
	 * timer: the hook through which a group applies its limit and strategy first.
	 * @param held {@code true} to leave restarts to {@link #restartByGroup()}
	 */
	public void holdRestarts(boolean held) {
		this.lock.lock();
		try {
			this.restartsHeld = held;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Run again as an automatic restart, keeping the attempt count, backoff and restart window:
	 * what a group does to the members its strategy restarts. A worker waiting in
	 * {@code BACKOFF} for its group, or one that ended, runs at once; a stopping one runs once
	 * stopped; one running or with its own restart pending is left alone. Never called on the
	 * scheduler's thread: a group's timers hand their work to the delivery executor.
	 */
	public void restartByGroup() {
		this.lock.lock();
		try {
			switch (this.state) {
				case BACKOFF -> {
					if (this.pending == null && !this.removed && !this.shared.shutDown().getAsBoolean()) {
						countRestart();
						launch();
					}
				}
				case STOPPED, EXITED, FATAL -> restartAutomatically();
				case STOPPING -> this.afterStop = AfterStop.GROUP_RESTART;
				default -> {
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Give the worker up because its group gave up: {@code FATAL} at once, or, when running,
	 * once its thread has ended.
	 */
	public void giveUp() {
		this.lock.lock();
		try {
			this.afterStop = AfterStop.NOTHING;
			switch (this.state) {
				case RUNNING -> {
					stopNow();
					this.afterStop = AfterStop.GIVE_UP;
				}
				case STOPPING -> this.afterStop = AfterStop.GIVE_UP;
				case STARTING, BACKOFF -> {
					cancelPending();
					moveTo(WorkerState.FATAL);
				}
				case STOPPED, EXITED -> {
					if (!this.removed) {
						moveTo(WorkerState.FATAL);
					}
				}
				default -> {
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Whether the worker is running and, if asked, its current run called
	 * {@link dev.supervisor.core.WorkerContext#ready()}.
	 * @param awaitReady whether readiness is required
	 * @return {@code true} if its group may start the next member
	 */
	public boolean isUp(boolean awaitReady) {
		this.lock.lock();
		try {
			return this.state == WorkerState.RUNNING && (!awaitReady || this.run.isReady());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the worker is in {@code BACKOFF} waiting for its group to restart it, with no
	 * thread and nothing pending of its own.
	 * @return {@code true} if only {@link #restartByGroup} or a stop moves it on
	 */
	public boolean awaitsGroup() {
		this.lock.lock();
		try {
			return this.state == WorkerState.BACKOFF && this.restartsHeld && this.pending == null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop the worker if it is active and start it again.
	 */
	public void restart() {
		this.lock.lock();
		try {
			if (this.state == WorkerState.RUNNING || this.state == WorkerState.STOPPING) {
				// Started again by finish() once the thread has ended.
				this.afterStop = AfterStop.RESTART;
				stopNow();
			}
			else {
				if (this.state.isActive()) {
					stopNow();
				}
				restartExplicitly();
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Stop the worker for good. A {@link WorkerRemovedEvent} is published once its thread has
	 * ended (at once if it has none), and {@code onRemoved} runs once listeners heard it.
	 * Calling it again, or concurrently, does nothing more.
	 */
	public void remove() {
		this.lock.lock();
		try {
			if (!this.removed) {
				this.removed = true;
				this.afterStop = AfterStop.NOTHING;
				cancelLeaseCheck();
				stopNow();
				if (this.run == null) {
					this.events.add(new WorkerRemovedEvent(this.spec.name(), now()));
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Let this singleton run here while {@code lease} stays valid: a worker in {@code STANDBY}
	 * starts as on an explicit start. Granting again replaces the lease.
	 * @param lease the lease of the leadership
	 */
	public void grantLeadership(Lease lease) {
		grantLeadership(lease, true);
	}

	/**
	 * Make this worker a member of a singleton group: from now on it runs only under a lease
	 * its group grants, and waits in {@code STANDBY} without one.
	 */
	public void followGroupLeadership() {
		this.lock.lock();
		try {
			this.ledByGroup = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Let this member of a singleton group run under its group's {@code lease}, without
	 * starting it: the group starts its members in order.
	 * @param lease the group's lease
	 */
	public void holdGroupLeadership(Lease lease) {
		grantLeadership(lease, false);
	}

	private void grantLeadership(Lease lease, boolean startFromStandby) {
		this.lock.lock();
		try {
			if (!startFromStandby && this.lease == lease) {
				return;
			}
			cancelLeaseCheck();
			this.lease = lease;
			if (this.run != null) {
				this.run.lease = lease;
			}
			this.events.add(new LeadershipGrantedEvent(this.spec.name(), lease.validity(), now()));
			if (this.state == WorkerState.STANDBY && startFromStandby) {
				resetRunCounters();
				startNow();
			}
			else if (this.state == WorkerState.STOPPING && this.afterStop == AfterStop.STANDBY && startFromStandby) {
				this.afterStop = AfterStop.START;
			}
			changed();
			scheduleLeaseCheck();
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * End this singleton's leadership here: a pending start is cancelled, a running worker is
	 * asked to stop, and either waits in {@code STANDBY}. Does nothing if it does not lead.
	 */
	public void revokeLeadership() {
		this.lock.lock();
		try {
			loseLeadership(LeadershipRevokedEvent.Reason.REVOKED);
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Wait for the worker's current thread, if any, to end.
	 * @param timeoutNanos the longest wait
	 * @return the thread if it is still alive after the wait, else {@code null}
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public Thread awaitThread(long timeoutNanos) throws InterruptedException {
		Thread thread;
		this.lock.lock();
		try {
			thread = (this.run != null) ? this.run.thread : null;
		}
		finally {
			this.lock.unlock();
		}
		if (thread == null) {
			return null;
		}
		if (timeoutNanos > 0) {
			TimeUnit.NANOSECONDS.timedJoin(thread, timeoutNanos);
		}
		return thread.isAlive() ? thread : null;
	}

	/**
	 * Wait until every event queued so far has been delivered to listeners.
	 * @param timeoutNanos the longest wait
	 * @return whether they all were
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public boolean awaitEventsDelivered(long timeoutNanos) throws InterruptedException {
		return this.events.awaitIdle(timeoutNanos);
	}

	// Everything below runs under the lock, unless its name says otherwise.

	/**
	 * Cancel a pending start or restart ({@code STOPPED} at once), ask the running thread to
	 * stop ({@code STOPPING} until it ends), or make an ended worker ({@code EXITED},
	 * {@code FATAL}) {@code STOPPED}. Does nothing in any other state.
	 */
	private void stopNow() {
		switch (this.state) {
			case STARTING, BACKOFF -> {
				cancelPending();
				moveTo(WorkerState.STOPPED);
			}
			case EXITED, FATAL -> moveTo(WorkerState.STOPPED);
			case RUNNING -> {
				moveTo(WorkerState.STOPPING);
				this.run.requestStop();
			}
			case STANDBY -> moveTo(WorkerState.STOPPED);
			default -> {
			}
		}
	}

	/**
	 * Forget the lease and leave every state that runs or is about to run for {@code STANDBY}.
	 * A worker stopping on request stays on its way to {@code STOPPED}.
	 */
	private void loseLeadership(LeadershipRevokedEvent.Reason reason) {
		if (this.lease == null) {
			return;
		}
		this.lease = null;
		cancelLeaseCheck();
		this.events.add(new LeadershipRevokedEvent(this.spec.name(), reason, now()));
		switch (this.state) {
			case STARTING, BACKOFF -> {
				cancelPending();
				moveTo(WorkerState.STANDBY);
			}
			case RUNNING -> {
				this.afterStop = AfterStop.STANDBY;
				moveTo(WorkerState.STOPPING);
				this.run.requestStop();
			}
			case STOPPING -> {
				if (this.afterStop != AfterStop.NOTHING) {
					this.afterStop = AfterStop.STANDBY;
				}
				changed();
			}
			default -> changed();
		}
	}

	/**
	 * Handle a lease that ran out before its timer fired, as the timer would have.
	 * @return whether the leadership was lost just now
	 */
	private boolean leaseLapsed() {
		if (this.lease != null && !this.lease.isValid()) {
			loseLeadership(LeadershipRevokedEvent.Reason.LEASE_EXPIRED);
			return true;
		}
		return false;
	}

	private void scheduleLeaseCheck() {
		Lease watched = this.lease;
		this.leaseCheck = this.shared.scheduler().schedule(() -> onLeaseCheck(watched), watched.remaining());
	}

	private void cancelLeaseCheck() {
		if (this.leaseCheck != null) {
			this.leaseCheck.cancel();
			this.leaseCheck = null;
		}
	}

	/** Runs on the scheduler's thread, without the lock, when the lease may have run out. */
	private void onLeaseCheck(Lease watched) {
		this.lock.lock();
		try {
			if (this.lease != watched) {
				return;
			}
			if (!leaseLapsed()) {
				// Renewed since the check was scheduled: check again when the renewal runs out.
				scheduleLeaseCheck();
			}
		}
		finally {
			this.lock.unlock();
		}
		// This scheduler thread must never wait on a listener.
		publishEventsElsewhere();
	}

	private void startExplicitly() {
		if (this.removed || this.shared.shutDown().getAsBoolean()) {
			return;
		}
		this.everStarted = true;
		resetRunCounters();
		if (waitsForLeadership()) {
			moveTo(WorkerState.STANDBY);
			return;
		}
		startNow();
	}

	private void resetRunCounters() {
		this.attempt = 0;
		this.backoffStep = 0;
		if (this.restartWindow != null) {
			this.restartWindow.clear();
		}
	}

	private void startNow() {
		if (this.spec.startDelay().isZero()) {
			launch();
		}
		else {
			moveTo(WorkerState.STARTING);
			schedule(this.spec.startDelay());
		}
	}

	/** An automatic restart of a worker that is not active, as a group does it. */
	private void restartAutomatically() {
		if (this.removed || this.shared.shutDown().getAsBoolean()) {
			return;
		}
		if (waitsForLeadership()) {
			if (this.state != WorkerState.STANDBY) {
				moveTo(WorkerState.STANDBY);
			}
			return;
		}
		if (hasRun()) {
			countRestart();
		}
		this.everStarted = true;
		launch();
	}

	/** Whether the worker needs a leadership to run, and this instance does not hold one. */
	private boolean waitsForLeadership() {
		return (this.spec.singleton() || this.ledByGroup) && this.lease == null;
	}

	/** A restart request counts as a restart once the worker has run before. */
	private void restartExplicitly() {
		if (hasRun() && !this.removed && !this.shared.shutDown().getAsBoolean()) {
			this.restarts = increment(this.restarts);
			changed();
		}
		startExplicitly();
	}

	private void schedule(Duration delay) {
		long scheduledGeneration = ++this.generation;
		this.pending = this.shared.scheduler().schedule(() -> onTimer(scheduledGeneration), Nanos.capped(delay));
	}

	private void cancelPending() {
		if (this.pending != null) {
			this.pending.cancel();
			this.pending = null;
		}
		this.generation++;
	}

	/** Runs on the scheduler's thread, without the lock. */
	private void onTimer(long scheduledGeneration) {
		boolean launched = false;
		this.lock.lock();
		try {
			if (scheduledGeneration != this.generation || this.pending == null) {
				return;
			}
			// A lease that ran out leaves the worker in STANDBY instead; its events are delivered
			// below, like those of a failed launch.
			if (!leaseLapsed()) {
				this.pending = null;
				if (this.state == WorkerState.BACKOFF) {
					countRestart();
				}
				launched = launch();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (!launched) {
			// No new thread delivers what the failed launch queued, and this scheduler thread
			// must never wait on a listener.
			publishEventsElsewhere();
		}
	}

	/**
	 * Start a run on a new thread. The new thread delivers the queued events first, so the
	 * scheduler's thread never calls listeners.
	 * @return whether the thread started; if not, the run was recorded as failed
	 */
	private boolean launch() {
		RunContext context = beginRun();
		try {
			// The run's context is the thread's task: no object of its own per thread.
			Thread thread = this.shared.threadFactory().newThread(context);
			thread.setName("supervisor-" + this.spec.name());
			context.thread = thread;
			this.shared.liveThreads().starting();
			try {
				thread.start();
			}
			catch (Throwable ex) {
				this.shared.liveThreads().ended();
				throw ex;
			}
			return true;
		}
		catch (Throwable ex) {
			// No thread (resource exhaustion, a broken factory): a failed run like any other. It
			// ends FAILED, never STOPPED, so it cannot complete a removal.
			context.thread = null;
			finish(context, ex, Throwables.messageOf(ex));
			return false;
		}
	}

	private RunContext beginRun() {
		long nanos = this.shared.scheduler().nanoTime();
		return beginRun(nanos, this.shared.clock().at(nanos));
	}

	/** Begin a run at a time already read: a restart without delay begins when its predecessor ended. */
	private RunContext beginRun(long nanos, Instant at) {
		RunContext context = new RunContext(this, this.attempt, nanos);
		context.lease = this.lease;
		this.startedAtSecond = at.getEpochSecond();
		this.startedAtNano = at.getNano();
		this.run = context;
		moveTo(WorkerState.RUNNING, at);
		if (heard(EventLogger.startLevel(this.attempt))) {
			this.events.add(new WorkerStartedEvent(this.spec.name(), this.attempt, at));
		}
		return context;
	}

	/** Runs on the worker's thread, without the lock: the run called {@code ready()}. */
	void onReady(RunContext context) {
		this.lock.lock();
		try {
			if (this.run == context && this.state == WorkerState.RUNNING && heard(Level.DEBUG)) {
				this.events.add(new WorkerReadyEvent(this.spec.name(), context.attempt(), now()));
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/**
	 * Runs on the worker's own thread, without the lock. A restart without delay continues on
	 * the same thread: {@link #finish} leaves the next run in {@link #runOnThisThread}.
	 */
	void execute(RunContext first) {
		try {
			this.events.drain();
			RunContext context = first;
			while (context != null) {
				Throwable thrown = null;
				MDC.put("worker", this.spec.name());
				RunObserver.ObservedRun[] observed = this.shared.observers().beforeRun(this.spec, context);
				try {
					this.spec.worker().run(context);
				}
				catch (Throwable ex) {
					thrown = ex;
				}
				finally {
					MDC.remove("worker");
				}
				// A stop request interrupted this thread; listeners and the next run must not
				// inherit the flag.
				Thread.interrupted();
				// Read outside the lock: user code may throw from getMessage() or take its time.
				String message = (thrown != null) ? Throwables.messageOf(thrown) : null;
				RunRecord record;
				this.lock.lock();
				try {
					finish(context, thrown, message);
					record = this.lastExit;
					context = this.runOnThisThread;
					this.runOnThisThread = null;
				}
				finally {
					this.lock.unlock();
				}
				// Outside the lock, before the run's events are delivered and the next run begins.
				RunObservers.afterRun(observed, this.spec.name(), record, thrown);
				// A stop that raced the end of the run may have interrupted this thread again.
				Thread.interrupted();
				this.events.drain();
				if (context != null && context.isStopRequested()) {
					Thread.currentThread().interrupt();
				}
			}
		}
		finally {
			// Counted until now, after the last run's events were delivered (or left to whoever
			// is delivering them), so a shutdown that saw no live thread finds them handed over.
			// One method, not two: each frame is kept in every parked virtual thread's stack.
			this.shared.liveThreads().ended();
		}
	}

	/**
	 * Decides what follows a run: the one place where a run's end becomes a new state. Calls no
	 * user code and computes only with saturated numbers, so it always completes.
	 * @param message what {@code thrown} says, read safely beforehand
	 */
	private void finish(RunContext context, @Nullable Throwable thrown, @Nullable String message) {
		// A run that ended because its lease ran out ends as if the lease check had fired first.
		leaseLapsed();
		long endNanos = this.shared.scheduler().nanoTime();
		Instant endedAt = this.shared.clock().at(endNanos);
		RunOutcome outcome = context.isStopRequested() ? RunOutcome.STOPPED
				: (thrown != null) ? RunOutcome.FAILED : RunOutcome.COMPLETED;
		Duration duration = Duration.ofNanos(endNanos - context.startNanos);
		RunRecord record = new RunRecord(context.attempt(), startedAt(), endedAt, duration, outcome,
				(thrown != null) ? thrown.getClass().getName() : null, message);
		this.run = null;
		if (this.lastExit != null) {
			if (this.history == null) {
				this.history = new ArrayDeque<>(HISTORY_SIZE);
			}
			else if (this.history.size() == HISTORY_SIZE - 1) {
				this.history.pollFirst();
			}
			this.history.addLast(this.lastExit);
		}
		this.lastExit = record;
		changed();
		if (heard(EventLogger.exitLevel(outcome))) {
			this.events.add(new WorkerExitedEvent(this.spec.name(), record, thrown, endedAt));
		}
		if (outcome == RunOutcome.STOPPED) {
			AfterStop next = this.afterStop;
			this.afterStop = AfterStop.NOTHING;
			if (next == AfterStop.GIVE_UP && !this.removed) {
				moveTo(WorkerState.FATAL, endedAt);
				return;
			}
			moveTo(next == AfterStop.STANDBY && !this.removed ? WorkerState.STANDBY : WorkerState.STOPPED, endedAt);
			if (this.removed) {
				this.events.add(new WorkerRemovedEvent(this.spec.name(), endedAt));
				return;
			}
			if (next == AfterStop.RESTART) {
				restartExplicitly();
			}
			else if (next == AfterStop.START) {
				startExplicitly();
			}
			else if (next == AfterStop.GROUP_RESTART) {
				restartAutomatically();
			}
			return;
		}
		if (thrown instanceof DoNotRestartException || !this.spec.restart().restartsAfter(outcome)) {
			moveTo(WorkerState.EXITED, endedAt);
			return;
		}
		int restart;
		if (outcome == RunOutcome.COMPLETED) {
			// A completed run is not a crash: the backoff starts over and the restart limit is
			// left alone, so `always` with a fixed backoff is a loop that never goes FATAL.
			this.backoffStep = 0;
			restart = 0;
		}
		else {
			if (duration.compareTo(this.spec.healthyAfter()) >= 0) {
				this.backoffStep = 0;
			}
			restart = restartWindow().tryRestart(endNanos);
		}
		// The decision is announced before the state change it causes.
		if (restart < 0) {
			this.events.add(new RestartLimitBreachedEvent(this.spec.name(), record, this.spec.maxRestarts(),
					this.spec.restartWindow(), this.spec.escalation(), this.spec.critical(), endedAt));
			moveTo(WorkerState.FATAL, endedAt);
			return;
		}
		Duration delay = this.spec.backoff().delay(this.backoffStep, this.shared.random().nextDouble());
		this.backoffStep = increment(this.backoffStep);
		// Straight on, on the ending thread; a run that never got a thread goes through the
		// scheduler instead, so a failing thread factory cannot recurse here.
		boolean straightOn = delay.isZero() && context.thread != null;
		if (!this.restartsHeld && !straightOn) {
			// Scheduled before the restart is announced: a drain running on another thread may
			// deliver the announcement before this lock is released, and whoever hears it (a test
			// advancing a manual clock) must find the restart already due at the announced delay.
			// The timer takes this lock, so it cannot fire before the state below is set.
			schedule(delay);
		}
		if (heard(Level.INFO)) {
			this.events.add(new WorkerRestartingEvent(this.spec.name(), record, delay, restart,
					this.spec.maxRestarts(), endedAt));
		}
		moveTo(WorkerState.BACKOFF, endedAt);
		if (!this.restartsHeld && straightOn) {
			countRestart();
			this.runOnThisThread = beginRun(endNanos, endedAt);
			this.runOnThisThread.thread = context.thread;
		}
	}

	/** Counters stop at their largest value rather than wrap around to negative numbers. */
	private static int increment(int counter) {
		return (counter == Integer.MAX_VALUE) ? counter : counter + 1;
	}

	/** An automatic restart: one more attempt and one more restart. */
	private void countRestart() {
		this.attempt = increment(this.attempt);
		this.restarts = increment(this.restarts);
		changed();
	}

	private RestartWindow restartWindow() {
		if (this.restartWindow == null) {
			this.restartWindow = new RestartWindow(this.spec.maxRestarts(), Nanos.of(this.spec.restartWindow()));
		}
		return this.restartWindow;
	}

	/**
	 * Whether an event at {@code level} has someone to hear it. A group member's events always
	 * do: its group acts on them.
	 */
	private boolean heard(Level level) {
		return this.restartsHeld || this.shared.audience().hears(level);
	}

	/** Something a status shows changed: the next {@link #status()} takes a fresh one. */
	private void changed() {
		if (this.snapshot != null) {
			this.snapshot = null;
		}
	}

	private Instant now() {
		return this.shared.clock().now();
	}

	private void moveTo(WorkerState target) {
		moveTo(target, now());
	}

	/** Move to a new state that took effect at {@code at}, such as the end of a run. */
	private void moveTo(WorkerState target, Instant at) {
		WorkerState from = this.state;
		if (!from.canMoveTo(target)) {
			throw new IllegalStateException(
					"Worker '" + this.spec.name() + "' cannot move from " + from + " to " + target);
		}
		this.state = target;
		changed();
		if (heard(Level.DEBUG)) {
			this.events.add(new WorkerStateChangedEvent(this.spec.name(), from, target, at));
		}
	}

	private boolean hasRun() {
		return this.startedAtNano >= 0;
	}

	private Instant startedAt() {
		return Instant.ofEpochSecond(this.startedAtSecond, this.startedAtNano);
	}

	/** @return the recent runs, oldest first, {@link #lastExit} last */
	private List<RunRecord> history() {
		if (this.lastExit == null) {
			return List.of();
		}
		if (this.history == null) {
			return List.of(this.lastExit);
		}
		RunRecord[] runs = this.history.toArray(new RunRecord[this.history.size() + 1]);
		runs[runs.length - 1] = this.lastExit;
		return List.of(runs);
	}

	private WorkerStatus takeSnapshot() {
		return new WorkerStatus(this.spec, this.state, this.restarts, hasRun() ? startedAt() : null, this.lastExit,
				history(), this.lease != null);
	}

	private enum AfterStop {

		NOTHING, START, RESTART, GROUP_RESTART, GIVE_UP,

		/** Leadership was lost: wait for it again. */
		STANDBY

	}

}
