package dev.supervisor.core.internal;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import dev.supervisor.core.WorkerState;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerReadyEvent;
import dev.supervisor.core.event.WorkerStateChangedEvent;

/**
 * A worker as a member of a group.
 * <p>
 * Whether the member is up is judged from the events its group has heard, not from the
 * worker's latest snapshot: the group starts the next member only after listeners heard this
 * one become {@code RUNNING} (or ready), so events tell the start order as it happened.
 */
public final class WorkerMember implements Member {

	private final WorkerRunner runner;

	/** The state the last state change heard by the group moved to. */
	private volatile WorkerState heardState;

	/** Whether the group heard the current run call {@code ready()}. */
	private volatile boolean heardReady;

	public WorkerMember(WorkerRunner runner) {
		this.runner = runner;
		this.heardState = runner.status().state();
	}

	/**
	 * Take note of an event of this worker, delivered in order after its listeners.
	 * @param event the event
	 */
	void hear(SupervisorEvent event) {
		if (event instanceof WorkerStateChangedEvent changed) {
			this.heardReady = false;
			this.heardState = changed.to();
		}
		else if (event instanceof WorkerReadyEvent) {
			this.heardReady = true;
		}
	}

	public WorkerRunner runner() {
		return this.runner;
	}

	@Override
	public String name() {
		return this.runner.spec().name();
	}

	@Override
	public boolean needsStop() {
		return isActive() && !this.runner.awaitsGroup();
	}

	/** Active now, or not yet heard to have ended. */
	@Override
	public boolean isActive() {
		return this.runner.status().state().isActive() || this.heardState.isActive();
	}

	@Override
	public boolean isWorking() {
		return working(this.runner.status().state()) || working(this.heardState);
	}

	private static boolean working(WorkerState state) {
		return state.isActive() && state != WorkerState.STANDBY;
	}

	@Override
	public void standByForGroup() {
		this.runner.revokeLeadership();
		if (!this.runner.status().state().isActive()) {
			// One not started, or ended, waits in STANDBY too.
			this.runner.start();
		}
	}

	@Override
	public boolean isUp(boolean awaitReady) {
		return this.heardState == WorkerState.RUNNING && (!awaitReady || this.heardReady)
				&& this.runner.isUp(awaitReady);
	}

	@Override
	public boolean restartsItself() {
		return true;
	}

	@Override
	public void joinGroup(GroupRunner group) {
		this.runner.holdRestarts(true);
	}

	@Override
	public void resumeByGroup() {
		if (this.runner.awaitsGroup()) {
			this.runner.restartByGroup();
		}
	}

	@Override
	public void startByGroup() {
		this.runner.start();
	}

	@Override
	public void restartByGroup() {
		this.runner.restartByGroup();
	}

	@Override
	public void stopByGroup() {
		this.runner.stop();
	}

	@Override
	public void giveUpByGroup() {
		this.runner.giveUp();
	}

	@Override
	public void stopAndAwait(LongSupplier remainingNanos, BiConsumer<String, Thread> stuck) throws InterruptedException {
		// As the supervisor's shutdown does: this thread calls no listener.
		this.runner.stopForShutdown();
		this.runner.publishEventsElsewhere();
		Thread thread = this.runner.awaitThread(remainingNanos.getAsLong());
		if (thread != null) {
			stuck.accept(name(), thread);
		}
		else {
			this.runner.awaitEventsDelivered(remainingNanos.getAsLong());
		}
	}

}
