package dev.supervisor.core.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.Lease;
import dev.supervisor.core.RunOutcome;
import dev.supervisor.core.Scheduler;
import dev.supervisor.core.event.GroupAddedEvent;
import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.GroupRemovedEvent;
import dev.supervisor.core.event.GroupRestartingEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerRestartingEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.group.GroupStrategy;

/**
 * The state machine of one group: starts its members in order, stops them in reverse order,
 * and applies its strategy and restart limit when a member's run ends, as Erlang/OTP's
 * supervisor does ({@code restart/2}, {@code add_restart/1}).
 * <p>
 * The group works through a <em>plan</em>: a queue of members to stop one at a time (reverse
 * order, each awaited until it is no longer active or its stop timeout passed), then,
 * for a restart, a delay and a queue of members to start one at a time (each awaited until up:
 * {@code RUNNING}, or ready with {@code awaitReady}). A new restart decision while a plan runs
 * merges into it, so every member the strategy names is stopped and started again in order.
 * <p>
 * Invariants, all enforced under {@link #lock}:
 * <ul>
 * <li>The group never calls a member while holding its lock: {@link #step} only collects
 * actions, which {@link #drive} runs afterwards. Locks are taken group, then worker; a worker
 * never calls its group under its own lock (events reach the group after the worker's lock is
 * released).</li>
 * <li>{@link #requested} is the member the plan's head was asked to stop or start;
 * {@link #applied} becomes true once that call has returned, so no step mistakes a member not yet
 * started for one that ended.</li>
 * <li>A timer runs only if its {@link #generation} is still current.</li>
 * <li>A singleton group runs only while {@link #lease} is non-null (this instance leads), and
 * its worker members hold that same lease, which fences their {@code isStopRequested()}.
 * Without it the group waits in {@code STANDBY} (or stays {@code STOPPED} or {@code FATAL}),
 * and {@link #leaseCheck} is pending exactly while it is held. Losing it ends the lease at once,
 * then stops the members in reverse order to {@code STANDBY} ({@link #toStandby}).</li>
 * </ul>
 */
public final class GroupRunner implements Member {

	private static final Logger logger = LoggerFactory.getLogger(GroupRunner.class);

	private final GroupSpec spec;

	private final Scheduler scheduler;

	private final Executor executor;

	private final EventQueue events;

	private final ReentrantLock lock = new ReentrantLock();

	private final RestartWindow restartWindow;

	private final List<Member> members = new CopyOnWriteArrayList<>();

	/** A worker member's restart decision, heard before the state change it causes. */
	private final Map<Member, SupervisorEvent> decisions = new ConcurrentHashMap<>();

	private @Nullable GroupRunner parent;

	private GroupState state = GroupState.STOPPED;

	private int restarts;

	private Phase phase = Phase.IDLE;

	private final ArrayDeque<Member> plan = new ArrayDeque<>();

	/** Members to start in order once the stop plan is done; {@code null} when the stop is final. */
	private @Nullable List<Member> restartPlan;

	/** Whether the start plan starts members explicitly (a group start) or as restarts. */
	private boolean explicitStart;

	private Duration restartDelay = Duration.ZERO;

	private @Nullable Member requested;

	private boolean applied;

	private Scheduler.@Nullable Cancellable timer;

	private long generation;

	private boolean shutDown;

	/** The leadership of a singleton group while this instance holds it, else {@code null}. */
	private @Nullable Lease lease;

	/** The timer that notices {@link #lease} running out, pending while it is held. */
	private Scheduler.@Nullable Cancellable leaseCheck;

	/** Whether the stop plan under way ends in {@code STANDBY}: the leadership was lost. */
	private boolean toStandby;

	/** Set when the state changed and the parent group must look at its plan again. */
	private boolean notifyParent;

	private volatile GroupStatus snapshot;

	/**
	 * Create the state machine of a group, in state {@code STOPPED}, without members.
	 * @param spec the group
	 * @param scheduler the source of time
	 * @param delivery receives the group's events, outside the lock
	 * @param executor runs what the group's timers do, so the scheduler's thread never calls a
	 * member or a listener
	 */
	public GroupRunner(GroupSpec spec, Scheduler scheduler, Consumer<SupervisorEvent> delivery, Executor executor) {
		this.spec = spec;
		this.scheduler = scheduler;
		this.executor = executor;
		this.events = new EventQueue(new WorkerRunner.Delivery(delivery, (runner) -> {
		}), null);
		this.restartWindow = new RestartWindow(spec.maxRestarts(), spec.restartWindow().toNanos());
		this.snapshot = takeSnapshot();
	}

	public GroupSpec spec() {
		return this.spec;
	}

	/**
	 * Announce that the group was registered: its first event, delivered before anything its
	 * start causes.
	 */
	public void announceAdded() {
		this.events.add(new GroupAddedEvent(this.spec.name(), this.spec, this.scheduler.now()));
		this.events.drain();
	}

	/**
	 * Announce that the group was removed, once its members have stopped: its last event.
	 */
	public void announceRemoved() {
		this.events.add(new GroupRemovedEvent(this.spec.name(), this.scheduler.now()));
		this.events.drain();
	}

	public GroupStatus status() {
		return this.snapshot;
	}

	/**
	 * The members in start order.
	 * @return a copy
	 */
	public List<Member> members() {
		return List.copyOf(this.members);
	}

	/**
	 * Add a member at the end of the start order. It starts at once if the group is running,
	 * else with the group.
	 * @param member the member
	 */
	public void addMember(Member member) {
		boolean startNow;
		Lease held;
		this.lock.lock();
		try {
			held = this.lease;
			this.members.add(member);
			member.joinGroup(this);
			if (member instanceof GroupRunner child) {
				child.setParent(this);
			}
			startNow = this.state == GroupState.RUNNING || this.state == GroupState.STANDBY;
			if (this.phase == Phase.STARTING) {
				this.plan.addLast(member);
			}
			else if (this.restartPlan != null) {
				this.restartPlan.add(member);
			}
			this.snapshot = takeSnapshot();
		}
		finally {
			this.lock.unlock();
		}
		if (this.spec.singleton() && member instanceof WorkerMember worker) {
			worker.runner().followGroupLeadership();
			if (held != null) {
				worker.runner().holdGroupLeadership(held);
			}
		}
		if (startNow) {
			// In STANDBY, the member waits in STANDBY too.
			member.startByGroup();
		}
	}

	/**
	 * Forget a member (which is being removed): plans skip it from now on.
	 * @param member the member
	 */
	public void removeMember(Member member) {
		this.lock.lock();
		try {
			this.members.remove(member);
			this.plan.remove(member);
			if (this.restartPlan != null) {
				this.restartPlan.remove(member);
			}
			this.snapshot = takeSnapshot();
		}
		finally {
			this.lock.unlock();
		}
		drive(new ArrayList<>());
	}

	private void setParent(GroupRunner parent) {
		this.lock.lock();
		try {
			this.parent = parent;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Start every member in order; does nothing if the group is active. */
	public void start() {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.shutDown || (this.state != GroupState.STOPPED && this.state != GroupState.FATAL
					&& this.state != GroupState.STOPPING)) {
				return;
			}
			this.restartWindow.clear();
			if (this.spec.singleton() && this.lease == null) {
				waitForLeadership(actions);
			}
			else {
				beginStarting(this.members, true);
				moveTo(GroupState.STARTING);
				step(actions);
			}
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/**
	 * Let this singleton group run here while {@code lease} stays valid: its members hold the
	 * lease from now on, and a group waiting in {@code STANDBY} (or running without some of its
	 * members, whose lease had run out) starts them in order. A group stopped on request stays
	 * stopped until started. Granting again replaces the lease.
	 * @param granted the lease of the leadership
	 */
	public void grantLeadership(Lease granted) {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			cancelLeaseCheck();
			this.lease = granted;
			this.snapshot = takeSnapshot();
			for (Member member : this.members) {
				if (member instanceof WorkerMember worker) {
					actions.add(() -> worker.runner().holdGroupLeadership(granted));
				}
			}
			if (!this.shutDown && (this.state == GroupState.STANDBY || this.state == GroupState.STARTING
					|| this.state == GroupState.RUNNING || this.state == GroupState.RESTARTING
					|| (this.state == GroupState.STOPPING && this.toStandby))) {
				beginStarting(this.members, true);
				moveTo(GroupState.STARTING);
			}
			scheduleLeaseCheck();
		}
		finally {
			this.lock.unlock();
		}
		// The members hold the lease before the plan starts the first of them.
		for (Runnable action : actions) {
			action.run();
		}
		drive(new ArrayList<>());
	}

	/**
	 * End this singleton group's leadership here: the lease ends at once, so every member's
	 * {@code isStopRequested()} is true, and the members are stopped in reverse order, each
	 * awaited, to wait in {@code STANDBY}. Does nothing if this instance does not lead.
	 */
	public void revokeLeadership() {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			loseLeadership(actions);
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/** Stop every member in reverse order, each after the one after it has stopped. */
	public void stop() {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.state == GroupState.STOPPED || this.state == GroupState.FATAL) {
				return;
			}
			beginStopping(this.members, null);
			moveTo(GroupState.STOPPING);
			step(actions);
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/** Stop every member in reverse order, then start them all again in order. */
	public void restart() {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.shutDown || this.state == GroupState.STANDBY) {
				return;
			}
			if (this.spec.singleton() && this.lease == null) {
				waitForLeadership(actions);
			}
			else if (this.state == GroupState.STOPPED || this.state == GroupState.FATAL) {
				this.restarts++;
				this.restartWindow.clear();
				beginStarting(this.members, true);
				moveTo(GroupState.STARTING);
			}
			else {
				this.restarts++;
				beginStopping(this.members, new ArrayList<>(this.members));
				this.explicitStart = false;
				this.restartDelay = Duration.ZERO;
				moveTo(GroupState.RESTARTING);
			}
			step(actions);
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/**
	 * An event of a worker member, delivered after its listeners: the group's strategy acts on
	 * restarts and on members given up, and every event may let the current plan go on.
	 * @param event the member's event
	 * @param member the member it is about
	 */
	public void onMemberEvent(SupervisorEvent event, Member member) {
		// A decision is acted on once the state change it causes has been heard, so listeners
		// hear the member go to BACKOFF (or FATAL) before the group's reaction.
		if (event instanceof WorkerRestartingEvent || event instanceof RestartLimitBreachedEvent) {
			this.decisions.put(member, event);
			return;
		}
		if (member instanceof WorkerMember worker) {
			worker.hear(event);
		}
		SupervisorEvent decision = (event instanceof WorkerStateChangedEvent) ? this.decisions.remove(member) : null;
		if (decision instanceof WorkerRestartingEvent restarting) {
			onMemberRestarting(member, restarting.cause().outcome() == RunOutcome.FAILED, restarting.delay());
		}
		else if (decision instanceof RestartLimitBreachedEvent) {
			onMemberGivenUp(member);
		}
		else {
			drive(new ArrayList<>());
		}
	}

	/**
	 * A member's run ended and its policy restarts it: count it, and restart what the strategy
	 * says.
	 */
	void onMemberRestarting(Member member, boolean failed, Duration delay) {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (!this.members.contains(member)) {
				return;
			}
			if (!isSupervising()) {
				// Started on its own while the group is not: it restarts on its own.
				resumeAfter(member, delay, actions);
			}
			else {
				int restart = 0;
				if (failed) {
					restart = this.restartWindow.tryRestart(this.scheduler.nanoTime());
				}
				if (restart < 0) {
					giveUp(member, true, actions);
				}
				else {
					decideRestart(member, failed, delay, restart, actions);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	private void decideRestart(Member member, boolean failed, Duration delay, int restart, List<Runnable> actions) {
		this.restarts++;
		List<Member> affected = affectedBy(member);
		List<String> restarted = affected.isEmpty() ? List.of(member.name())
				: affected.stream().map(Member::name).toList();
		this.events.add(new GroupRestartingEvent(this.spec.name(), this.spec.strategy(), member.name(), failed,
				restarted, delay, restart, this.spec.maxRestarts(), this.scheduler.now()));
		if (affected.isEmpty()) {
			resumeAfter(member, delay, actions);
		}
		else {
			planRestart(member, affected, delay);
		}
		step(actions);
	}

	/**
	 * A member was given up by its own restart limit. One-for-one leaves it alone; the other
	 * strategies cannot restart what depends on it, so the group gives up too.
	 */
	void onMemberGivenUp(Member member) {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (isSupervising() && this.members.contains(member)
					&& this.spec.strategy() != GroupStrategy.ONE_FOR_ONE) {
				giveUp(member, false, actions);
			}
			else {
				step(actions);
			}
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/**
	 * The supervisor is shutting down: abandon any plan and react to nothing more. The
	 * supervisor stops the members itself ({@link #stopAndAwait}).
	 */
	public void shutDown() {
		this.lock.lock();
		try {
			this.shutDown = true;
			cancelPlan();
			if (this.state != GroupState.STOPPED && this.state != GroupState.FATAL) {
				moveTo(GroupState.STOPPING);
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	/** The supervisor was started again after a shutdown: supervise again. */
	public void supervisorStarted() {
		this.lock.lock();
		try {
			this.shutDown = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	// Member: a group nested in another group.

	@Override
	public String name() {
		return this.spec.name();
	}

	@Override
	public boolean needsStop() {
		return isActive();
	}

	@Override
	public boolean isActive() {
		GroupState current = this.snapshot.state();
		return current != GroupState.STOPPED && current != GroupState.FATAL;
	}

	@Override
	public boolean isWorking() {
		return isActive() && this.snapshot.state() != GroupState.STANDBY;
	}

	@Override
	public void standByForGroup() {
		stop();
	}

	@Override
	public boolean isUp(boolean awaitReady) {
		return this.snapshot.state() == GroupState.RUNNING;
	}

	@Override
	public boolean restartsItself() {
		return false;
	}

	@Override
	public void joinGroup(GroupRunner group) {
	}

	@Override
	public void resumeByGroup() {
		if (this.snapshot.state() == GroupState.FATAL) {
			restart();
		}
	}

	@Override
	public void startByGroup() {
		start();
	}

	@Override
	public void restartByGroup() {
		restart();
	}

	@Override
	public void stopByGroup() {
		stop();
	}

	@Override
	public void giveUpByGroup() {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			cancelPlan();
			if (this.state != GroupState.FATAL) {
				moveTo(GroupState.FATAL);
			}
			for (Member member : reversed(this.members)) {
				actions.add(member::giveUpByGroup);
			}
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	@Override
	public void stopAndAwait(LongSupplier remainingNanos, BiConsumer<String, Thread> stuck) throws InterruptedException {
		shutDown();
		for (Member member : reversed(this.members)) {
			member.stopAndAwait(remainingNanos, stuck);
		}
		this.lock.lock();
		try {
			if (this.state != GroupState.STOPPED && this.state != GroupState.FATAL) {
				moveTo(GroupState.STOPPED);
			}
		}
		finally {
			this.lock.unlock();
		}
		this.events.drain();
	}

	// Everything below runs under the lock, unless its name says otherwise.

	/** A singleton group without its leadership: the members wait in STANDBY, and so does it. */
	private void waitForLeadership(List<Runnable> actions) {
		cancelPlan();
		moveTo(GroupState.STANDBY);
		for (Member member : this.members) {
			actions.add(member::startByGroup);
		}
	}

	/**
	 * End the lease (every member's stop is requested from this instant), then stop the members
	 * in reverse order to STANDBY.
	 */
	private void loseLeadership(List<Runnable> actions) {
		Lease lost = this.lease;
		if (lost == null) {
			return;
		}
		lost.end();
		this.lease = null;
		this.snapshot = takeSnapshot();
		cancelLeaseCheck();
		if (this.state == GroupState.STOPPED || this.state == GroupState.FATAL || this.state == GroupState.STANDBY
				|| this.shutDown) {
			for (Member member : reversed(this.members)) {
				actions.add(member::standByForGroup);
			}
			return;
		}
		beginStopping(this.members, null);
		this.toStandby = true;
		moveTo(GroupState.STOPPING);
		step(actions);
	}

	private void scheduleLeaseCheck() {
		Lease watched = this.lease;
		if (watched != null) {
			this.leaseCheck = this.scheduler.schedule(() -> this.executor.execute(() -> onLeaseCheck(watched)),
					watched.remaining());
		}
	}

	private void cancelLeaseCheck() {
		if (this.leaseCheck != null) {
			this.leaseCheck.cancel();
			this.leaseCheck = null;
		}
	}

	/** Runs on the executor, without the lock, when the lease may have run out. */
	private void onLeaseCheck(Lease watched) {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.lease != watched) {
				return;
			}
			if (watched.isValid()) {
				// Renewed since the check was scheduled: check again when the renewal runs out.
				scheduleLeaseCheck();
			}
			else {
				logger.warn("Singleton group '{}' lost its lease; stopping its members", this.spec.name());
				loseLeadership(actions);
			}
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/**
	 * Whether this instance holds the group's leadership.
	 * @return {@code true} while a lease was granted and not lost
	 */
	public boolean isLeader() {
		this.lock.lock();
		try {
			return this.lease != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isSupervising() {
		return !this.shutDown && this.state != GroupState.STOPPED && this.state != GroupState.STOPPING
				&& this.state != GroupState.FATAL && this.state != GroupState.STANDBY;
	}

	/** The members the strategy restarts after {@code member}'s run ended, in start order. */
	private List<Member> affectedBy(Member member) {
		return switch (this.spec.strategy()) {
			case ONE_FOR_ONE -> member.restartsItself() ? List.of() : List.of(member);
			case ONE_FOR_ALL -> List.copyOf(this.members);
			case REST_FOR_ONE -> List.copyOf(this.members.subList(this.members.indexOf(member), this.members.size()));
		};
	}

	/**
	 * Stop {@code affected} in reverse order, then start in order the member that ended and what
	 * was running or about to start: merged with a plan under way, so nothing it meant to start
	 * is lost.
	 */
	private void planRestart(Member cause, List<Member> affected, Duration delay) {
		Set<Member> planned = new LinkedHashSet<>();
		if (this.phase == Phase.STARTING) {
			planned.addAll(this.plan);
		}
		else if (this.restartPlan != null) {
			planned.addAll(this.restartPlan);
		}
		List<Member> toStart = new ArrayList<>();
		for (Member member : this.members) {
			if (member == cause || planned.contains(member) || (affected.contains(member) && member.isActive())) {
				toStart.add(member);
			}
		}
		boolean underWay = this.state == GroupState.RESTARTING;
		this.restartDelay = (underWay && this.restartDelay.compareTo(delay) > 0) ? this.restartDelay : delay;
		this.explicitStart = false;
		beginStopping(affected, toStart);
		moveTo(GroupState.RESTARTING);
	}

	/** Restart a member alone after its backoff: one-for-one. */
	private void resumeAfter(Member member, Duration delay, List<Runnable> actions) {
		if (delay.isZero()) {
			actions.add(member::resumeByGroup);
		}
		else {
			later(member::resumeByGroup, delay);
		}
	}

	private void beginStarting(List<Member> toStart, boolean explicit) {
		cancelPlan();
		this.phase = Phase.STARTING;
		this.plan.addAll(toStart);
		this.explicitStart = explicit;
	}

	private void beginStopping(List<Member> toStop, List<Member> thenStart) {
		cancelPlan();
		this.phase = Phase.STOPPING;
		this.plan.addAll(reversed(toStop));
		this.restartPlan = thenStart;
	}

	private void cancelPlan() {
		this.toStandby = false;
		this.plan.clear();
		this.restartPlan = null;
		this.requested = null;
		this.applied = false;
		this.phase = Phase.IDLE;
		cancelTimer();
	}

	private void cancelTimer() {
		if (this.timer != null) {
			this.timer.cancel();
			this.timer = null;
		}
		this.generation++;
	}

	/**
	 * Move the plan on as far as it can go now, collecting calls to members in {@code actions}.
	 * The one place where a plan advances.
	 */
	private void step(List<Runnable> actions) {
		while (true) {
			if (this.phase == Phase.STOPPING) {
				Member head = this.plan.peekFirst();
				if (head == null) {
					finishStopping();
					continue;
				}
				if (head != this.requested) {
					if (!needsStop(head)) {
						this.plan.pollFirst();
						continue;
					}
					request(head, this.toStandby ? head::standByForGroup : head::stopByGroup, actions);
					long scheduled = this.generation;
					this.timer = later(() -> onStopTimeout(head, scheduled), this.spec.stopTimeout());
					break;
				}
				if (this.applied && !needsStop(head)) {
					this.plan.pollFirst();
					this.requested = null;
					cancelTimer();
					continue;
				}
				break;
			}
			else if (this.phase == Phase.STARTING) {
				Member head = this.plan.peekFirst();
				if (head == null) {
					this.phase = Phase.IDLE;
					moveTo(GroupState.RUNNING);
					break;
				}
				if (head != this.requested) {
					request(head, startAction(head), actions);
					break;
				}
				if (this.applied && (head.isUp(this.spec.awaitReady()) || !head.isActive())) {
					this.plan.pollFirst();
					this.requested = null;
					continue;
				}
				break;
			}
			else {
				break;
			}
		}
		this.snapshot = takeSnapshot();
	}

	/**
	 * How the start plan starts {@code member}: a member of a singleton group is handed the
	 * group's lease first, whatever ran meanwhile.
	 */
	private Runnable startAction(Member member) {
		Runnable start = this.explicitStart ? member::startByGroup : member::restartByGroup;
		Lease held = this.lease;
		if (held != null && member instanceof WorkerMember worker) {
			return () -> {
				worker.runner().holdGroupLeadership(held);
				start.run();
			};
		}
		return start;
	}

	/**
	 * A member waiting in {@code BACKOFF} for this group is left as it is by a restart plan,
	 * which restarts it, and stopped by a final stop.
	 */
	private boolean needsStop(Member member) {
		if (this.toStandby) {
			return member.isWorking();
		}
		return (this.restartPlan != null) ? member.needsStop() : member.isActive();
	}

	private void request(Member member, Runnable call, List<Runnable> actions) {
		this.requested = member;
		this.applied = false;
		long requestedGeneration = this.generation;
		actions.add(() -> {
			call.run();
			this.lock.lock();
			try {
				if (this.requested == member && this.generation == requestedGeneration) {
					this.applied = true;
				}
			}
			finally {
				this.lock.unlock();
			}
		});
	}

	private void finishStopping() {
		List<Member> thenStart = this.restartPlan;
		this.restartPlan = null;
		if (thenStart == null) {
			this.phase = Phase.IDLE;
			moveTo(this.toStandby ? GroupState.STANDBY : GroupState.STOPPED);
			this.toStandby = false;
			return;
		}
		if (this.restartDelay.isZero()) {
			this.phase = Phase.STARTING;
			this.plan.addAll(thenStart);
			return;
		}
		this.phase = Phase.WAITING;
		this.restartPlan = thenStart;
		long scheduled = ++this.generation;
		this.timer = later(() -> onRestartDelayElapsed(scheduled), this.restartDelay);
	}

	/** Run {@code task} on the executor once {@code delay} has passed. */
	private Scheduler.Cancellable later(Runnable task, Duration delay) {
		return this.scheduler.schedule(() -> {
			try {
				this.executor.execute(task);
			}
			catch (RuntimeException ex) {
				logger.warn("Group '{}' could not run a timed step; it will go on with the next event",
						this.spec.name(), ex);
			}
		}, delay);
	}

	/** Runs on the executor, without the lock. */
	private void onRestartDelayElapsed(long scheduled) {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (scheduled != this.generation || this.phase != Phase.WAITING) {
				return;
			}
			this.timer = null;
			this.phase = Phase.STARTING;
			this.plan.addAll(this.restartPlan);
			this.restartPlan = null;
			step(actions);
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	/** Runs on the executor, without the lock. */
	private void onStopTimeout(Member member, long scheduled) {
		List<Runnable> actions = new ArrayList<>();
		this.lock.lock();
		try {
			if (scheduled != this.generation || this.phase != Phase.STOPPING || this.requested != member) {
				return;
			}
			logger.warn("Group '{}': member '{}' did not stop within {}; going on without waiting for it",
					this.spec.name(), member.name(), this.spec.stopTimeout());
			this.timer = null;
			this.plan.pollFirst();
			this.requested = null;
			step(actions);
		}
		finally {
			this.lock.unlock();
		}
		drive(actions);
	}

	private void giveUp(Member cause, boolean limitBreached, List<Runnable> actions) {
		cancelPlan();
		this.events.add(new GroupFatalEvent(this.spec.name(), this.spec.strategy(), cause.name(), limitBreached,
				this.spec.maxRestarts(), this.spec.restartWindow(), this.spec.escalation(), this.spec.critical(),
				this.scheduler.now()));
		moveTo(GroupState.FATAL);
		for (Member member : reversed(this.members)) {
			actions.add(member::giveUpByGroup);
		}
		GroupRunner up = this.parent;
		if (up != null) {
			// A nested group that gave up is, to its parent, a member that failed.
			actions.add(() -> up.onMemberRestarting(this, true, Duration.ZERO));
		}
	}

	private void moveTo(GroupState target) {
		GroupState from = this.state;
		this.state = target;
		this.snapshot = takeSnapshot();
		if (from != target && this.parent != null) {
			this.notifyParent = true;
		}
	}

	private GroupStatus takeSnapshot() {
		Member waiting = (this.phase == Phase.STOPPING || this.phase == Phase.STARTING) ? this.requested : null;
		return new GroupStatus(this.spec, this.state, this.restarts, this.members.stream().map(Member::name).toList(),
				(waiting != null) ? waiting.name() : null, this.lease != null);
	}

	/**
	 * Runs without the lock: call members as planned, then step again, until nothing is left;
	 * then deliver events and let a parent group look at its plan.
	 */
	private void drive(List<Runnable> actions) {
		List<Runnable> pending = actions;
		while (true) {
			for (Runnable action : pending) {
				action.run();
			}
			GroupRunner up;
			this.lock.lock();
			try {
				pending = new ArrayList<>();
				step(pending);
				up = this.notifyParent ? this.parent : null;
				this.notifyParent = false;
			}
			finally {
				this.lock.unlock();
			}
			this.events.drain();
			if (up != null) {
				up.drive(new ArrayList<>());
			}
			if (pending.isEmpty()) {
				return;
			}
		}
	}

	private static List<Member> reversed(List<Member> members) {
		List<Member> copy = new ArrayList<>(members);
		Collections.reverse(copy);
		return copy;
	}

	private enum Phase {

		/** No plan: running, stopped or given up. */
		IDLE,

		/** Stopping the plan's members one at a time, last first. */
		STOPPING,

		/** All stopped; waiting for the restart delay. */
		WAITING,

		/** Starting the plan's members one at a time, first first. */
		STARTING

	}

}
