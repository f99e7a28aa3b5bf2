package dev.supervisor.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.group.GroupStrategy;
import dev.supervisor.core.internal.EventAudience;
import dev.supervisor.core.internal.EventLogger;
import dev.supervisor.core.internal.GroupRunner;
import dev.supervisor.core.internal.LiveThreads;
import dev.supervisor.core.internal.Member;
import dev.supervisor.core.internal.Nanos;
import dev.supervisor.core.internal.WorkerMember;
import dev.supervisor.core.internal.RunObservers;
import dev.supervisor.core.internal.TableReconciler;
import dev.supervisor.core.internal.WallClock;
import dev.supervisor.core.internal.WorkerRunner;
import dev.supervisor.core.internal.WorkersByName;
import dev.supervisor.core.table.NoSuchTableException;
import dev.supervisor.core.table.TableStatus;
import dev.supervisor.core.table.WorkerTable;

/**
 * Runs workers on their own threads and restarts them by their {@link WorkerSpec}.
 * <p>
 * Lifecycle: workers can be {@link #add added} at any time. {@link #start()} starts every
 * worker whose spec says {@code autoStartup}, and from then on such workers start as soon as
 * they are added. {@link #shutdown()} stops every worker at once and waits for them up to the
 * shutdown timeout; afterwards the supervisor refuses new work.
 * <p>
 * Groups: {@link #addGroup(GroupSpec)} puts registered workers (or groups) under an
 * Erlang/OTP strategy; the group then starts them in order, stops them in reverse order and
 * decides their restarts. Worker and group names share one namespace, and {@link #start(String)},
 * {@link #stop(String)}, {@link #restart(String)} and {@link #remove(String)} accept either.
 * A worker spec with {@code instances} above 1 becomes a one-for-one group of copies.
 * <p>
 * Thread safety: every method may be called from any thread. Each worker and each group has its
 * own lock; the supervisor's own lock guards only its lifecycle and the registry of groups,
 * never a call into user code.
 * <p>
 * Listeners are called on the thread that caused an event, except where that thread must not
 * wait on them: the scheduler's thread and a thread calling {@link #shutdown(Duration)} leave
 * delivery to one daemon thread, {@code supervisor-events}, made on demand and ended when idle.
 */
public final class Supervisor implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	/**
	 * Jitter from {@link ThreadLocalRandom} of whichever thread draws it. Each thread's generator
	 * is seeded from the time at which this JVM first used one, so replicas draw different
	 * delays. (Keeping one {@code ThreadLocalRandom.current()} for use on other threads is the
	 * trap: those threads' seeds are never initialised, and every JVM draws the same numbers.)
	 */
	private static final RandomGenerator SEEDED_PER_JVM = () -> ThreadLocalRandom.current().nextLong();

	/** How long the delivery thread waits for more work before it ends. */
	private static final long DELIVERY_KEEP_ALIVE_SECONDS = 10;

	private final Scheduler scheduler;

	private final ThreadFactory threadFactory;

	private final RandomGenerator random;

	private final Duration shutdownTimeout;

	private final RunObservers runObservers;

	private final CopyOnWriteArrayList<SupervisorListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, WorkerRunner> workers = new ConcurrentHashMap<>();

	/** {@link #workers} in name order; every put and removal goes through it. */
	private final WorkersByName byName = new WorkersByName(this.workers);

	private final Map<String, TableReconciler<?>> tables = new ConcurrentHashMap<>();

	/** Groups in the order they were added; written under {@link #lifecycleLock}. */
	private final Map<String, GroupRunner> groups = new ConcurrentHashMap<>();

	private final List<GroupRunner> groupOrder = new CopyOnWriteArrayList<>();

	/** The group of each member (worker or group) that has one. */
	private final Map<String, GroupRunner> parents = new ConcurrentHashMap<>();

	/** Each member as its group sees it. */
	private final Map<String, Member> members = new ConcurrentHashMap<>();

	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile Lifecycle lifecycle = Lifecycle.NEW;

	/**
	 * Delivers events for threads that must not call listeners. Its thread is a plain daemon
	 * thread, not one of the worker thread factory's: it is needed precisely when that factory
	 * fails.
	 */
	private final ThreadPoolExecutor deliveryExecutor;

	/** What waits for a worker's removal to be heard (its group's removal), by worker name. */
	private final Map<String, Runnable> afterRemoval = new ConcurrentHashMap<>();

	/** What every worker shares, so that a worker holds no objects of its own for it. */
	private final WorkerRunner.Shared shared;

	private Supervisor(Builder builder) {
		this.scheduler = builder.scheduler;
		this.threadFactory = builder.threadFactory;
		this.random = builder.random;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.runObservers = RunObservers.of(builder.runObservers);
		this.listeners.addAllAbsent(builder.listeners);
		this.deliveryExecutor = new ThreadPoolExecutor(1, 1, DELIVERY_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "supervisor-events");
					thread.setDaemon(true);
					return thread;
				});
		this.deliveryExecutor.allowCoreThreadTimeOut(true);
		EventAudience audience = (level) -> !this.listeners.isEmpty() || EventLogger.isEnabled(level);
		WorkerRunner.Delivery delivery = new WorkerRunner.Delivery(this::deliver, this::forget);
		BooleanSupplier shutDown = () -> this.lifecycle == Lifecycle.SHUT_DOWN;
		this.shared = new WorkerRunner.Shared(this.scheduler, new WallClock(this.scheduler), this.threadFactory,
				this.random, audience, delivery, shutDown, this.deliveryExecutor, this.runObservers, new LiveThreads());
	}

	/**
	 * Start configuring a supervisor.
	 * @return a builder with the system scheduler, daemon platform threads and a 30s shutdown
	 * timeout
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Register a worker. If the supervisor is started and the spec says {@code autoStartup},
	 * the worker starts at once.
	 * @param spec the worker
	 * @throws DuplicateWorkerException if the name is taken
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void add(WorkerSpec spec) {
		Objects.requireNonNull(spec, "spec must not be null");
		if (spec.instances() > 1) {
			addReplicated(spec);
			return;
		}
		WorkerRunner runner;
		boolean startNow;
		this.lifecycleLock.lock();
		try {
			requireNotShutDown("add worker", spec.name());
			if (this.groups.containsKey(spec.name())) {
				throw new DuplicateWorkerException(spec.name(), "is the name of a group");
			}
			WorkerRunner existing = this.workers.get(spec.name());
			if (existing != null) {
				throw new DuplicateWorkerException(spec.name(),
						existing.isRemoved() ? "is still being removed; add it again once it has stopped"
								: "is already registered");
			}
			runner = newRunner(spec);
			this.byName.put(spec.name(), runner);
			startNow = this.lifecycle == Lifecycle.STARTED && spec.autoStartup();
		}
		finally {
			this.lifecycleLock.unlock();
		}
		if (startNow) {
			runner.autoStart();
		}
		else {
			runner.publishEvents();
		}
	}

	/**
	 * Stop a worker and unregister it. The name becomes free once its thread has ended and
	 * listeners have heard of its removal. Removing a worker twice removes it once.
	 * @param name the worker's name
	 * @throws NoSuchWorkerException if no such worker is registered
	 */
	public void remove(String name) {
		GroupRunner group = find(this.groups, name);
		if (group != null) {
			removeGroup(group);
			return;
		}
		WorkerRunner runner = runner(name);
		leaveGroup(name);
		runner.remove();
	}

	/**
	 * Start every worker whose spec says {@code autoStartup}; later additions start at once.
	 * Calling it again does nothing. After a {@link #shutdown()} it starts the supervisor again,
	 * with every {@code autoStartup} worker, as an application context does on
	 * {@code stop()} then {@code start()}.
	 */
	public void start() {
		boolean again;
		this.lifecycleLock.lock();
		try {
			if (this.lifecycle == Lifecycle.STARTED) {
				return;
			}
			again = this.lifecycle == Lifecycle.SHUT_DOWN;
			this.lifecycle = Lifecycle.STARTED;
		}
		finally {
			this.lifecycleLock.unlock();
		}
		// In no particular order: sorting a million names would cost more than starting them.
		for (WorkerRunner runner : this.workers.values()) {
			if (runner.spec().autoStartup() && !this.parents.containsKey(runner.spec().name())) {
				if (again) {
					runner.start();
				}
				else {
					runner.autoStart();
				}
			}
		}
		for (GroupRunner group : this.groupOrder) {
			if (again) {
				group.supervisorStarted();
			}
		}
		for (GroupRunner group : this.groupOrder) {
			if (group.spec().autoStartup() && !this.parents.containsKey(group.name())) {
				group.start();
			}
		}
		for (TableReconciler<?> table : this.tables.values()) {
			table.start();
		}
	}

	/**
	 * Start one worker now, whatever its {@code autoStartup}. Does nothing if it is active.
	 * Starting explicitly resets its attempt count, backoff and restart window.
	 * @param name the worker's name
	 * @throws NoSuchWorkerException if no such worker is registered
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void start(String name) {
		GroupRunner group = find(this.groups, name);
		if (group != null) {
			requireNotShutDown("start group", name);
			group.start();
			return;
		}
		WorkerRunner runner = runner(name);
		requireNotShutDown("start worker", name);
		runner.start();
	}

	/**
	 * Request a worker to stop. A worker waiting to start or to restart stops at once; a running
	 * one is flagged and interrupted and is {@code STOPPED} when its thread ends. Returns without
	 * waiting.
	 * @param name the worker's name
	 * @throws NoSuchWorkerException if no such worker is registered
	 */
	public void stop(String name) {
		GroupRunner group = find(this.groups, name);
		if (group != null) {
			group.stop();
			return;
		}
		runner(name).stop();
	}

	/**
	 * Stop a worker if it is active, then start it again.
	 * @param name the worker's name
	 * @throws NoSuchWorkerException if no such worker is registered
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void restart(String name) {
		GroupRunner group = find(this.groups, name);
		if (group != null) {
			requireNotShutDown("restart group", name);
			group.restart();
			return;
		}
		WorkerRunner runner = runner(name);
		requireNotShutDown("restart worker", name);
		runner.restart();
	}

	/**
	 * Let a cluster singleton run on this instance while {@code lease} stays valid: this
	 * instance now holds its leadership. A singleton waiting in {@link WorkerState#STANDBY}
	 * starts, as on an explicit start; one stopped on request stays stopped until started.
	 * From the instant the lease runs out without renewal the worker's
	 * {@link WorkerContext#isStopRequested()} is true, and the supervisor stops it and publishes
	 * a {@link dev.supervisor.core.event.LeadershipRevokedEvent} as soon as its clock notices.
	 * Granting again replaces the lease.
	 * <p>
	 * A singleton group ({@link GroupSpec#singleton()}) shares the lease with its members and,
	 * waiting in {@code STANDBY}, starts them in order.
	 * @param name the singleton's name, a worker or a group
	 * @param lease the lease, renewed by whoever holds the distributed lock
	 * @throws NoSuchWorkerException if no such worker or group is registered
	 * @throws IllegalArgumentException if it is not a {@link WorkerSpec#singleton()} or a
	 * {@link GroupSpec#singleton()}
	 */
	public void grantLeadership(String name, Lease lease) {
		Objects.requireNonNull(lease, "lease must not be null");
		GroupRunner group = this.groups.get(name);
		if (group != null) {
			requireSingleton(group).grantLeadership(lease);
			return;
		}
		requireSingleton(runner(name)).grantLeadership(lease);
	}

	/**
	 * End a cluster singleton's leadership on this instance: a running worker is asked to stop,
	 * a pending start is cancelled, and either waits in {@link WorkerState#STANDBY}. Does
	 * nothing if this instance does not lead.
	 * <p>
	 * A singleton group's lease ends at once, so every member's stop is requested, and its
	 * members are stopped in reverse order, each awaited, to wait in {@code STANDBY}.
	 * @param name the singleton's name, a worker or a group
	 * @throws NoSuchWorkerException if no such worker or group is registered
	 * @throws IllegalArgumentException if it is not a {@link WorkerSpec#singleton()} or a
	 * {@link GroupSpec#singleton()}
	 */
	public void revokeLeadership(String name) {
		GroupRunner group = this.groups.get(name);
		if (group != null) {
			requireSingleton(group).revokeLeadership();
			return;
		}
		requireSingleton(runner(name)).revokeLeadership();
	}

	/**
	 * Whether this instance holds the leadership of a cluster singleton, worker or group.
	 * @param name the singleton's name
	 * @return {@code true} while a lease granted here was neither revoked nor lost
	 * @throws NoSuchWorkerException if no such worker or group is registered
	 */
	public boolean isLeader(String name) {
		GroupRunner group = this.groups.get(name);
		if (group != null) {
			return group.isLeader();
		}
		return runner(name).status().leader();
	}

	/**
	 * The source of time of this supervisor, which also measures the {@link Lease leases} of
	 * singletons.
	 * @return the scheduler
	 */
	public Scheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * A snapshot of one worker.
	 * @param name the worker's name
	 * @return the status
	 * @throws NoSuchWorkerException if no such worker is registered
	 */
	public WorkerStatus status(String name) {
		return runner(name).status();
	}

	/**
	 * Snapshots of all workers, ordered by name. Each is consistent in itself; together they are
	 * not one atomic picture.
	 * @return the statuses
	 */
	public List<WorkerStatus> statuses() {
		return sortedRunners().stream().map(WorkerRunner::status).toList();
	}

	/**
	 * Snapshots of the workers that match a filter, ordered by name. The filter sees every
	 * worker's snapshot before anything is sorted, so asking for a few of many workers costs one
	 * pass over them and a sort of the few; nothing is sorted while the name order of the last
	 * {@link #statuses()} holds (no worker was added or removed since).
	 * @param filter which snapshots to keep
	 * @return the matching statuses
	 */
	public List<WorkerStatus> statuses(Predicate<? super WorkerStatus> filter) {
		Objects.requireNonNull(filter, "filter must not be null");
		List<WorkerStatus> matching = new ArrayList<>();
		List<WorkerRunner> ordered = this.byName.ifKnown();
		if (ordered != null) {
			for (WorkerRunner runner : ordered) {
				WorkerStatus status = runner.status();
				if (filter.test(status)) {
					matching.add(status);
				}
			}
			return matching;
		}
		for (WorkerRunner runner : this.workers.values()) {
			WorkerStatus status = runner.status();
			if (filter.test(status)) {
				matching.add(status);
			}
		}
		matching.sort(Comparator.comparing(WorkerStatus::name));
		return matching;
	}

	/**
	 * How many workers are in each state: one pass over the workers' current snapshots, with
	 * nothing copied or sorted. Like {@link #statuses()}, not one atomic picture.
	 * @return a count for every state, {@code 0} included
	 */
	public Map<WorkerState, Integer> stateCounts() {
		int[] counts = new int[WorkerState.values().length];
		for (WorkerRunner runner : this.workers.values()) {
			counts[runner.status().state().ordinal()]++;
		}
		Map<WorkerState, Integer> byState = new EnumMap<>(WorkerState.class);
		for (WorkerState state : WorkerState.values()) {
			byState.put(state, counts[state.ordinal()]);
		}
		return byState;
	}

	/**
	 * Whether a worker of this name is registered.
	 * @param name the name
	 * @return {@code true} if registered
	 */
	public boolean contains(String name) {
		return find(this.workers, name) != null;
	}

	/**
	 * Register a worker table: from {@link #start()} on (at once if started), its key source is
	 * read every refresh and the supervisor keeps one worker per key, named
	 * {@code <table>-<key>}. {@link #shutdown()} stops its passes before its workers stop with
	 * the rest.
	 * @param table the table
	 * @throws IllegalArgumentException if a table of that name is registered
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void addTable(WorkerTable<?> table) {
		Objects.requireNonNull(table, "table must not be null");
		TableReconciler<?> reconciler;
		boolean startNow;
		this.lifecycleLock.lock();
		try {
			requireNotShutDown("add worker table", table.name());
			if (this.tables.containsKey(table.name())) {
				throw new IllegalArgumentException("Worker table '" + table.name() + "' is already registered");
			}
			reconciler = new TableReconciler<>(table, this, this.scheduler, this.threadFactory);
			this.tables.put(table.name(), reconciler);
			startNow = this.lifecycle == Lifecycle.STARTED;
		}
		finally {
			this.lifecycleLock.unlock();
		}
		if (startNow) {
			reconciler.start();
		}
	}

	/**
	 * Read a table's key source and reconcile its workers now, or right after the pass in
	 * progress. Returns without waiting for the pass; does nothing before {@link #start()}.
	 * @param name the table's name
	 * @throws NoSuchTableException if no such table is registered
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void refreshTable(String name) {
		TableReconciler<?> table = table(name);
		requireNotShutDown("refresh worker table", name);
		table.refresh();
	}

	/**
	 * A snapshot of one worker table.
	 * @param name the table's name
	 * @return the status
	 * @throws NoSuchTableException if no such table is registered
	 */
	public TableStatus tableStatus(String name) {
		return table(name).status();
	}

	/**
	 * The table a worker belongs to, as soon as its added event is published.
	 * @param workerName the worker's name
	 * @return the table's name, or {@code null} if the worker belongs to no table
	 */
	public @Nullable String tableOf(String workerName) {
		for (TableReconciler<?> table : this.tables.values()) {
			if (table.owns(workerName)) {
				return table.table().name();
			}
		}
		return null;
	}

	/**
	 * Snapshots of all worker tables, ordered by name.
	 * @return the statuses
	 */
	public List<TableStatus> tableStatuses() {
		return this.tables.values()
			.stream()
			.map(TableReconciler::status)
			.sorted(Comparator.comparing(TableStatus::name))
			.toList();
	}

	/**
	 * Register a group of workers or groups already registered, none of which belongs to
	 * another group. From now on the group starts, stops and restarts them. If the supervisor is
	 * started and the spec says {@code autoStartup}, the group starts its members in order at
	 * once (members already running are left running).
	 * @param spec the group
	 * @throws DuplicateWorkerException if the name is taken by a worker or a group
	 * @throws NoSuchWorkerException if a member is not registered
	 * @throws IllegalArgumentException if a member already belongs to a group
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void addGroup(GroupSpec spec) {
		Objects.requireNonNull(spec, "spec must not be null");
		GroupRunner group;
		boolean startNow;
		this.lifecycleLock.lock();
		try {
			requireNotShutDown("add group", spec.name());
			requireFreeName(spec.name());
			List<Member> resolved = new ArrayList<>();
			for (String name : spec.members()) {
				GroupRunner parent = this.parents.get(name);
				if (parent != null) {
					throw new IllegalArgumentException("Invalid members for group '" + spec.name() + "': '" + name
							+ "' already belongs to group '" + parent.name() + "' (allowed: members of no other group)");
				}
				Member member = member(name);
				if (member instanceof GroupRunner nested && nested.spec().singleton()) {
					throw new IllegalArgumentException("Invalid members for group '" + spec.name() + "': '" + name
							+ "' is a singleton group (allowed: a singleton group belongs to no other group)");
				}
				if (spec.singleton()) {
					requireSingletonGroupMember(spec.name(), member);
				}
				resolved.add(member);
			}
			group = new GroupRunner(spec, this.scheduler, this::deliver, this.deliveryExecutor);
			for (Member member : resolved) {
				group.addMember(member);
				this.members.put(member.name(), member);
				this.parents.put(member.name(), group);
			}
			this.groups.put(spec.name(), group);
			this.groupOrder.add(group);
			startNow = this.lifecycle == Lifecycle.STARTED && spec.autoStartup();
		}
		finally {
			this.lifecycleLock.unlock();
		}
		group.announceAdded();
		if (startNow) {
			group.start();
		}
	}

	/**
	 * Register a worker as the last member of a group. It starts at once if the group is
	 * running, else with the group.
	 * @param spec the worker
	 * @param group the group's name
	 * @throws NoSuchWorkerException if no such group is registered
	 * @throws DuplicateWorkerException if the worker's name is taken
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public void add(WorkerSpec spec, String group) {
		Objects.requireNonNull(spec, "spec must not be null");
		GroupRunner target = find(this.groups, group);
		if (target == null) {
			throw new NoSuchWorkerException(group, this.groups.keySet());
		}
		WorkerRunner runner;
		this.lifecycleLock.lock();
		try {
			requireNotShutDown("add worker", spec.name());
			requireFreeName(spec.name());
			if (target.spec().singleton() && spec.singleton()) {
				throw new IllegalArgumentException("Invalid member for singleton group '" + group + "': worker '"
						+ spec.name() + "' is a singleton itself (allowed: workers without singleton, elected with"
						+ " their group)");
			}
			runner = newRunner(spec);
			this.byName.put(spec.name(), runner);
			WorkerMember member = new WorkerMember(runner);
			this.members.put(spec.name(), member);
			this.parents.put(spec.name(), target);
		}
		finally {
			this.lifecycleLock.unlock();
		}
		runner.publishEvents();
		target.addMember(this.members.get(spec.name()));
	}

	/**
	 * A snapshot of one group.
	 * @param name the group's name
	 * @return the status
	 * @throws NoSuchWorkerException if no such group is registered
	 */
	public GroupStatus groupStatus(String name) {
		GroupRunner group = find(this.groups, name);
		if (group == null) {
			throw new NoSuchWorkerException(name, this.groups.keySet());
		}
		return group.status();
	}

	/**
	 * Snapshots of all groups, in the order they were added.
	 * @return the statuses
	 */
	public List<GroupStatus> groupStatuses() {
		return this.groupOrder.stream().map(GroupRunner::status).toList();
	}

	/**
	 * Whether a group of this name is registered.
	 * @param name the name
	 * @return {@code true} if registered
	 */
	public boolean containsGroup(String name) {
		return find(this.groups, name) != null;
	}

	/**
	 * The group a worker or group belongs to.
	 * @param name the member's name
	 * @return the group's name, or {@code null} if it belongs to none
	 */
	public @Nullable String groupOf(String name) {
		GroupRunner parent = find(this.parents, name);
		return (parent != null) ? parent.name() : null;
	}

	/**
	 * Add a listener for the events of every worker. Adding a listener that is already added
	 * does nothing, so no listener hears an event twice.
	 * @param listener the listener
	 */
	public void addListener(SupervisorListener listener) {
		this.listeners.addIfAbsent(Objects.requireNonNull(listener, "listener must not be null"));
	}

	public void removeListener(SupervisorListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Whether {@link #start()} was called and {@link #shutdown()} was not.
	 * @return {@code true} while started
	 */
	public boolean isRunning() {
		return this.lifecycle == Lifecycle.STARTED;
	}

	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Shut down within the configured shutdown timeout.
	 * @return what was stopped and what was stuck
	 * @see #shutdown(Duration)
	 */
	public ShutdownResult shutdown() {
		return shutdown(this.shutdownTimeout);
	}

	/**
	 * Request every worker to stop at once, wait until {@code timeout} after the call began for
	 * their threads to end and their final events to be delivered, log each worker still running
	 * with its thread's stack, and return. The timeout bounds the whole call, whatever workers
	 * and listeners do: this thread calls no listener (the delivery thread does), and a worker
	 * that ignores interrupts is reported, not waited for. When it returns with every worker
	 * stopped, listeners have heard every stopped worker's last events. The timeout is real
	 * time, because it bounds a wait on real threads; one too long for nanoseconds is forever.
	 * Calling it again does nothing more than report.
	 * @param timeout the longest wait
	 * @return what was stopped and what was stuck
	 */
	public ShutdownResult shutdown(Duration timeout) {
		long begin = System.nanoTime();
		// The timeout bounds the whole shutdown, stop requests included, so it is a budget the
		// caller can rely on. Remaining time is always computed as a difference: no overflow.
		long budget = Math.max(0, Nanos.of(Objects.requireNonNull(timeout, "timeout must not be null")));
		this.lifecycleLock.lock();
		try {
			this.lifecycle = Lifecycle.SHUT_DOWN;
		}
		finally {
			this.lifecycleLock.unlock();
		}
		// Tables first, so that no pass adds or restarts a worker while they are being stopped.
		for (TableReconciler<?> table : this.tables.values()) {
			table.stop();
		}
		List<WorkerRunner> runners = new ArrayList<>(this.workers.values());
		for (GroupRunner group : this.groupOrder) {
			group.shutDown();
		}
		// Every stop is requested before any is awaited: the threads end together.
		int active = 0;
		for (WorkerRunner runner : runners) {
			if (this.parents.containsKey(runner.spec().name())) {
				// Stopped below by its group, in reverse start order.
				if (runner.isActive()) {
					active++;
				}
				continue;
			}
			try {
				if (runner.stopForShutdown()) {
					active++;
				}
			}
			catch (RuntimeException | Error ex) {
				// Only an active worker's stop does anything that could fail. A defect in one
				// worker's state machine must not leave the others running.
				active++;
				logger.error("Could not request worker '{}' to stop", runner.spec().name(), ex);
			}
		}
		// What the stop requests queued (STOPPING, STOPPED of workers that had no thread) is
		// delivered on the delivery thread: a listener that blocks delays only its own events.
		for (WorkerRunner runner : runners) {
			runner.publishEventsElsewhere();
		}
		List<String> stuck = new ArrayList<>();
		// Reported in name order, as the workers are listed.
		Map<String, Thread> stuckWorkers = new TreeMap<>();
		List<String> undelivered = new ArrayList<>();
		// Members stop in reverse start order, each awaited, groups added last first; all
		// within the one budget.
		List<GroupRunner> topLevel = new ArrayList<>(this.groupOrder);
		Collections.reverse(topLevel);
		try {
			for (GroupRunner group : topLevel) {
				if (!this.parents.containsKey(group.name())) {
					group.stopAndAwait(() -> budget - (System.nanoTime() - begin), (name, thread) -> {
						stuck.add(name);
						logStuck(name, thread, timeout);
					});
				}
			}
			// One wait for every thread, woken once, rather than a join per thread. Then each
			// worker is checked without waiting, unless its thread is still ending or another
			// thread is still delivering its events.
			this.shared.liveThreads().awaitNone(budget - (System.nanoTime() - begin));
			Set<String> stuckInGroups = new HashSet<>(stuck);
			for (WorkerRunner runner : runners) {
				if (stuckInGroups.contains(runner.spec().name())) {
					continue;
				}
				Thread thread = runner.awaitThread(budget - (System.nanoTime() - begin));
				if (thread != null) {
					stuckWorkers.put(runner.spec().name(), thread);
				}
				else if (!runner.awaitEventsDelivered(budget - (System.nanoTime() - begin))) {
					undelivered.add(runner.spec().name());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Supervisor shutdown interrupted; not waiting for the remaining workers");
		}
		stuckWorkers.forEach((name, thread) -> logStuck(name, thread, timeout));
		stuck.addAll(stuckWorkers.keySet());
		undelivered.sort(null);
		if (!undelivered.isEmpty()) {
			logger.warn("Workers {} stopped, but listeners had not heard all their events within {}: a listener "
					+ "is still running", undelivered, timeout);
		}
		return new ShutdownResult(active - stuck.size(), stuck, Duration.ofNanos(System.nanoTime() - begin));
	}

	/**
	 * Same as {@link #shutdown()}.
	 */
	@Override
	public void close() {
		shutdown();
	}

	/** The copies of a replicated worker, in a one-for-one group named after it. */
	private void addReplicated(WorkerSpec spec) {
		List<String> names = new ArrayList<>();
		List<WorkerSpec> copies = new ArrayList<>();
		for (int instance = 1; instance <= spec.instances(); instance++) {
			WorkerSpec copy = spec.copy(instance);
			copies.add(copy);
			names.add(copy.name());
		}
		this.lifecycleLock.lock();
		try {
			requireNotShutDown("add worker", spec.name());
			requireFreeName(spec.name());
			for (String name : names) {
				requireFreeName(name);
			}
			GroupSpec group = GroupSpec.builder(spec.name())
				.members(names)
				.strategy(GroupStrategy.ONE_FOR_ONE)
				.maxRestarts(WorkerSpec.UNLIMITED_RESTARTS)
				.escalation(spec.escalation())
				.critical(spec.critical())
				.autoStartup(spec.autoStartup())
				.build();
			for (WorkerSpec copy : copies) {
				this.byName.put(copy.name(), newRunner(copy));
			}
			// Re-entrant: the group is registered under the same lock.
			addGroup(group);
		}
		finally {
			this.lifecycleLock.unlock();
		}
		for (String name : names) {
			this.workers.get(name).publishEvents();
		}
	}

	/**
	 * Free a removed worker's name once listeners heard of its removal, then run what waited
	 * for it.
	 */
	private void forget(WorkerRunner removed) {
		String name = removed.spec().name();
		this.byName.remove(name, removed);
		Runnable waiting = this.afterRemoval.remove(name);
		if (waiting != null) {
			waiting.run();
		}
	}

	private void removeGroup(GroupRunner group) {
		removeGroup(group, () -> {
		});
	}

	/**
	 * Remove a group with its members; its {@code GroupRemovedEvent} is announced once every
	 * member's removal was heard, so that it is the last event of the group and its members.
	 */
	private void removeGroup(GroupRunner group, Runnable whenRemoved) {
		this.lifecycleLock.lock();
		try {
			this.groups.remove(group.name(), group);
			this.groupOrder.remove(group);
		}
		finally {
			this.lifecycleLock.unlock();
		}
		leaveGroup(group.name());
		group.stop();
		List<Member> members = group.members();
		// One count per member and one for this method, so the group is announced only after both.
		AtomicInteger pending = new AtomicInteger(members.size() + 1);
		Runnable memberRemoved = () -> {
			if (pending.decrementAndGet() == 0) {
				group.announceRemoved();
				whenRemoved.run();
			}
		};
		for (Member member : members) {
			this.parents.remove(member.name());
			this.members.remove(member.name());
			if (member instanceof GroupRunner nested) {
				removeGroup(nested, memberRemoved);
			}
			else {
				removeMember(((WorkerMember) member).runner(), memberRemoved);
			}
		}
		memberRemoved.run();
	}

	/** Remove a group's worker and run {@code then} once, when listeners have heard of it. */
	private void removeMember(WorkerRunner runner, Runnable then) {
		String name = runner.spec().name();
		this.afterRemoval.put(name, then);
		runner.remove();
		// Removed before (its removal heard already): nobody else will run it.
		if (this.workers.get(name) != runner && this.afterRemoval.remove(name, then)) {
			then.run();
		}
	}

	private void leaveGroup(String name) {
		GroupRunner parent = this.parents.remove(name);
		Member member = this.members.remove(name);
		if (parent != null && member != null) {
			parent.removeMember(member);
		}
	}

	private Member member(String name) {
		GroupRunner group = find(this.groups, name);
		if (group != null) {
			return group;
		}
		WorkerRunner runner = find(this.workers, name);
		if (runner == null) {
			List<String> known = new ArrayList<>(this.workers.keySet());
			known.addAll(this.groups.keySet());
			throw new NoSuchWorkerException(name, known);
		}
		return new WorkerMember(runner);
	}

	private void requireFreeName(String name) {
		if (this.groups.containsKey(name)) {
			throw new DuplicateWorkerException(name, "is already registered as a group");
		}
		if (this.workers.containsKey(name)) {
			throw new DuplicateWorkerException(name, "is already registered as a worker");
		}
	}

	private WorkerRunner newRunner(WorkerSpec spec) {
		return new WorkerRunner(spec, this.shared);
	}

	private void logStuck(String name, Thread thread, Duration timeout) {
		StringBuilder stack = new StringBuilder();
		for (StackTraceElement element : thread.getStackTrace()) {
			stack.append(System.lineSeparator()).append("\tat ").append(element);
		}
		logger.warn("Worker '{}' did not stop within {} (thread '{}' still in: {})", name, timeout, thread.getName(),
				stack);
	}

	/** The message is built only when it is thrown: adding a worker is a hot path at scale. */
	private void requireNotShutDown(String action, String name) {
		if (this.lifecycle == Lifecycle.SHUT_DOWN) {
			throw new IllegalStateException("Cannot " + action + " '" + name + "': the supervisor is shut down");
		}
	}

	private static GroupRunner requireSingleton(GroupRunner group) {
		if (!group.spec().singleton()) {
			throw new IllegalArgumentException("Group '" + group.name()
					+ "' is not a singleton: only a group built with singleton(true) takes leadership");
		}
		return group;
	}

	private static void requireSingletonGroupMember(String group, Member member) {
		if (member instanceof GroupRunner) {
			throw new IllegalArgumentException("Invalid members for singleton group '" + group + "': '" + member.name()
					+ "' is a group (allowed: workers, elected with their group)");
		}
		if (member instanceof WorkerMember worker && worker.runner().spec().singleton()) {
			throw new IllegalArgumentException("Invalid members for singleton group '" + group + "': worker '"
					+ member.name() + "' is a singleton itself (allowed: workers without singleton, elected with"
					+ " their group)");
		}
		if (member.isActive()) {
			throw new IllegalArgumentException("Invalid members for singleton group '" + group + "': worker '"
					+ member.name() + "' is " + ((WorkerMember) member).runner().status().state()
					+ " (allowed: workers not started yet, which then run only where the group is elected)");
		}
	}

	private static WorkerRunner requireSingleton(WorkerRunner runner) {
		if (!runner.spec().singleton()) {
			throw new IllegalArgumentException("Worker '" + runner.spec().name()
					+ "' is not a singleton: only a worker built with singleton(true) takes leadership");
		}
		return runner;
	}

	private TableReconciler<?> table(String name) {
		TableReconciler<?> table = find(this.tables, name);
		if (table == null) {
			throw new NoSuchTableException(name, this.tables.keySet());
		}
		return table;
	}

	/**
	 * The entry of a name that callers give, which may be {@code null}: the maps do not hold
	 * {@code null} keys, and a lookup of no name finds nothing (and is reported as such).
	 */
	private static <V> @Nullable V find(Map<String, V> map, @Nullable String name) {
		return (name != null) ? map.get(name) : null;
	}

	private WorkerRunner runner(String name) {
		WorkerRunner runner = find(this.workers, name);
		if (runner == null) {
			List<String> known = new ArrayList<>(this.workers.keySet());
			known.addAll(this.groups.keySet());
			throw new NoSuchWorkerException(name, known);
		}
		return runner;
	}

	private List<WorkerRunner> sortedRunners() {
		return this.byName.all();
	}

	/** Never throws: whatever a listener does, the next listener and the worker go on. */
	private void deliver(SupervisorEvent event) {
		EventLogger.log(event);
		for (SupervisorListener listener : this.listeners) {
			try {
				listener.onEvent(event);
			}
			catch (Throwable ex) {
				EventLogger.warn(new ListenerFailure(listener, event), ex);
			}
		}
		// A group hears of its workers' events after the listeners, so their decisions are
		// heard before the group's. A nested group tells its parent itself.
		if (!(event instanceof GroupRestartingEvent) && !(event instanceof GroupFatalEvent)) {
			GroupRunner parent = this.parents.get(event.worker());
			Member member = this.members.get(event.worker());
			if (parent != null && member instanceof WorkerMember) {
				parent.onMemberEvent(event, member);
			}
		}
	}

	/** The log message of a failed listener call; rendered only by the logger, which guards it. */
	private record ListenerFailure(SupervisorListener listener, SupervisorEvent event) {

		@Override
		public String toString() {
			String name;
			try {
				name = String.valueOf(this.listener);
			}
			catch (Throwable ex) {
				name = this.listener.getClass().getName();
			}
			return "Supervisor listener " + name + " failed on event: " + this.event;
		}

	}

	private enum Lifecycle {

		NEW, STARTED, SHUT_DOWN

	}

	/**
	 * Configures a {@link Supervisor}.
	 */
	public static final class Builder {

		private Scheduler scheduler = Scheduler.system();

		private ThreadFactory threadFactory = WorkerThreads.platform();

		private RandomGenerator random = SEEDED_PER_JVM;

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private final List<SupervisorListener> listeners = new ArrayList<>();

		private final List<RunObserver> runObservers = new ArrayList<>();

		private Builder() {
		}

		/**
		 * The source of time and delayed tasks.
		 * @param scheduler the scheduler; {@link Scheduler#system()} by default
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
			return this;
		}

		/**
		 * Makes a thread for each start and each delayed restart (a restart without delay
		 * continues on the ending run's thread); the supervisor names each
		 * {@code supervisor-<worker>}.
		 * @param threadFactory the factory; {@link WorkerThreads#platform()} by default
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory must not be null");
			return this;
		}

		/**
		 * Picks backoff jitter. It is called from many threads.
		 * @param random a thread-safe generator; by default one seeded differently in every
		 * JVM, so replicas that fail together do not restart together
		 * @return this builder
		 */
		public Builder random(RandomGenerator random) {
			this.random = Objects.requireNonNull(random, "random must not be null");
			return this;
		}

		/**
		 * How long {@link Supervisor#shutdown()} waits for workers to stop.
		 * @param shutdownTimeout zero or more; 30 seconds by default
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
				throw new IllegalArgumentException(
						"Invalid shutdownTimeout: " + shutdownTimeout + " (allowed: zero or more)");
			}
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		public Builder listener(SupervisorListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		/**
		 * Add an observer that wraps every run on the run's own thread, such as a metrics
		 * observation or a tracing span. Observers open in the order added and close in reverse.
		 * @param runObserver the observer
		 * @return this builder
		 */
		public Builder runObserver(RunObserver runObserver) {
			this.runObservers.add(Objects.requireNonNull(runObserver, "runObserver must not be null"));
			return this;
		}

		public Supervisor build() {
			return new Supervisor(this);
		}

	}

}
