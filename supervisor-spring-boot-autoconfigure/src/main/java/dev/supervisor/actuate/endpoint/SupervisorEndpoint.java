package dev.supervisor.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.group.GroupStatus;

/**
 * {@link Endpoint @Endpoint} to see and steer the workers of a {@link Supervisor}: the list of
 * workers and groups, one worker with its recent runs or one group, and {@code start},
 * {@code stop} and {@code restart} of a worker or a group by name. Read-only unless {@code management.endpoint.supervisor.access}
 * says otherwise. Shows no configuration values of a worker beyond its restart policy.
 */
@Endpoint(id = "supervisor", defaultAccess = Access.READ_ONLY)
public class SupervisorEndpoint {

	private final Supervisor supervisor;

	private final WorkerDetailsResolver detailsResolver;

	public SupervisorEndpoint(Supervisor supervisor) {
		this(supervisor, WorkerDetailsResolver.standard());
	}

	public SupervisorEndpoint(Supervisor supervisor, WorkerDetailsResolver detailsResolver) {
		this.supervisor = supervisor;
		this.detailsResolver = detailsResolver;
	}

	/**
	 * All workers, ordered by name, and all groups, in the order they were added.
	 * @return the workers and groups
	 */
	@ReadOperation
	public WorkersDescriptor workers() {
		return new WorkersDescriptor(this.supervisor.statuses()
			.stream()
			.map((status) -> new WorkerDescriptor(status, this.detailsResolver.resolve(status),
					this.supervisor.groupOf(status.name())))
			.toList(), this.supervisor.groupStatuses().stream().map(this::describe).toList());
	}

	/**
	 * One worker with its recent runs ({@link WorkerDetailsDescriptor}), or one group
	 * ({@link GroupDescriptor}).
	 * @param name the worker's or group's name
	 * @return the worker or group, or {@code null} (a 404 on the web) if there is none of that
	 * name
	 */
	@ReadOperation
	public OperationResponseBody worker(@Selector String name) {
		try {
			return describe(name);
		}
		catch (NoSuchWorkerException ex) {
			return null;
		}
	}

	/**
	 * Start, stop or restart a worker or a group. Returns without waiting for it to get there.
	 * @param name the worker's or group's name
	 * @param action {@code start}, {@code stop} or {@code restart}
	 * @return the worker or group right after the action was requested
	 * @throws NoSuchWorkerException if there is no worker or group of that name
	 * @throws InvalidEndpointRequestException if the action is not one of the allowed ones
	 */
	@WriteOperation
	public OperationResponseBody control(@Selector String name, String action) {
		describe(name);
		String subject = (this.supervisor.containsGroup(name) ? "group '" : "worker '") + name + "'";
		switch (Action.of(subject, action)) {
			case START -> this.supervisor.start(name);
			case STOP -> this.supervisor.stop(name);
			case RESTART -> this.supervisor.restart(name);
		}
		return describe(name);
	}

	private OperationResponseBody describe(String name) {
		if (this.supervisor.containsGroup(name)) {
			return describe(this.supervisor.groupStatus(name));
		}
		WorkerStatus status = this.supervisor.status(name);
		return new WorkerDetailsDescriptor(status, this.detailsResolver.resolve(status),
				this.supervisor.groupOf(name));
	}

	private GroupDescriptor describe(GroupStatus status) {
		return new GroupDescriptor(status, this.supervisor.groupOf(status.name()));
	}

	/**
	 * What the write operation can do to a worker.
	 */
	enum Action {

		START, STOP, RESTART;

		static final String ALLOWED = Arrays.stream(values())
			.map(Action::value)
			.collect(Collectors.joining(", "));

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Action of(String subject, String action) {
			for (Action candidate : values()) {
				if (candidate.value().equalsIgnoreCase(action.trim())) {
					return candidate;
				}
			}
			String message = "Unknown action '" + action + "' for " + subject + "; allowed actions: " + ALLOWED;
			throw new InvalidEndpointRequestException(message, message);
		}

	}

	/**
	 * The list of workers and the list of groups.
	 */
	public static final class WorkersDescriptor implements OperationResponseBody {

		private final List<WorkerDescriptor> workers;

		private final List<GroupDescriptor> groups;

		WorkersDescriptor(List<WorkerDescriptor> workers, List<GroupDescriptor> groups) {
			this.workers = workers;
			this.groups = groups;
		}

		public List<WorkerDescriptor> getWorkers() {
			return this.workers;
		}

		public List<GroupDescriptor> getGroups() {
			return this.groups;
		}

	}

	/**
	 * One group: its strategy, state, restarts and members in start order.
	 */
	public static final class GroupDescriptor implements OperationResponseBody {

		private final String name;

		private final String strategy;

		private final String state;

		private final int restarts;

		private final List<String> members;

		private final String waitingFor;

		private final boolean critical;

		private final String group;

		GroupDescriptor(GroupStatus status, String group) {
			this.name = status.name();
			this.strategy = status.spec().strategy().displayName();
			this.state = status.state().name();
			this.restarts = status.restarts();
			this.members = status.members();
			this.waitingFor = status.waitingFor();
			this.critical = status.spec().critical();
			this.group = group;
		}

		public String getName() {
			return this.name;
		}

		/**
		 * {@code one-for-one}, {@code one-for-all} or {@code rest-for-one}.
		 * @return the strategy
		 */
		public String getStrategy() {
			return this.strategy;
		}

		/**
		 * The group's state, such as {@code RUNNING}.
		 * @return the state
		 */
		public String getState() {
			return this.state;
		}

		/**
		 * Restarts the group made by its strategy, plus explicit restarts of the group.
		 * @return the count
		 */
		public int getRestarts() {
			return this.restarts;
		}

		/**
		 * The members' names in start order.
		 * @return the names
		 */
		public List<String> getMembers() {
			return this.members;
		}

		/**
		 * While starting or stopping in order, the member the group waits for.
		 * @return the member's name, or {@code null}
		 */
		public String getWaitingFor() {
			return this.waitingFor;
		}

		public boolean isCritical() {
			return this.critical;
		}

		/**
		 * The group this group is nested in.
		 * @return the group's name, or {@code null}
		 */
		public String getGroup() {
			return this.group;
		}

	}

	/**
	 * One worker as it appears in the list. Values that are absent are {@code null} and left
	 * out of the JSON.
	 */
	public static class WorkerDescriptor implements OperationResponseBody {

		private final String name;

		private final String type;

		private final String state;

		private final int restarts;

		private final String policy;

		private final boolean critical;

		private final Instant startedAt;

		private final LastExitDescriptor lastExit;

		private final String group;

		WorkerDescriptor(WorkerStatus status, WorkerDetails details, String group) {
			this.name = status.name();
			this.type = details.type();
			this.state = status.state().name();
			this.restarts = status.restarts();
			this.policy = status.spec().restart().name().toLowerCase(Locale.ROOT).replace('_', '-');
			this.critical = status.spec().critical();
			this.startedAt = status.startedAt();
			this.lastExit = (status.lastExit() != null) ? new LastExitDescriptor(status.lastExit()) : null;
			this.group = group;
		}

		public String getName() {
			return this.name;
		}

		/**
		 * {@code worker} or {@code process}.
		 * @return the type
		 */
		public String getType() {
			return this.type;
		}

		/**
		 * The state's name, such as {@code RUNNING}.
		 * @return the state
		 */
		public String getState() {
			return this.state;
		}

		/**
		 * Automatic restarts since the worker was added.
		 * @return the count
		 */
		public int getRestarts() {
			return this.restarts;
		}

		/**
		 * The restart policy: {@code never}, {@code always} or {@code on-failure}.
		 * @return the policy
		 */
		public String getPolicy() {
			return this.policy;
		}

		public boolean isCritical() {
			return this.critical;
		}

		public Instant getStartedAt() {
			return this.startedAt;
		}

		public LastExitDescriptor getLastExit() {
			return this.lastExit;
		}

		/**
		 * The group the worker belongs to.
		 * @return the group's name, or {@code null}
		 */
		public String getGroup() {
			return this.group;
		}

	}

	/**
	 * One worker with its recent runs and, for an OS process, its process details.
	 */
	public static final class WorkerDetailsDescriptor extends WorkerDescriptor {

		private final Long pid;

		private final Integer exitCode;

		private final Integer signal;

		private final List<WorkerDetails.Line> output;

		private final List<RunDescriptor> history;

		WorkerDetailsDescriptor(WorkerStatus status, WorkerDetails details, String group) {
			super(status, details, group);
			this.pid = details.pid();
			this.exitCode = details.exitCode();
			this.signal = details.signal();
			this.output = details.output();
			this.history = status.history().stream().map(RunDescriptor::new).toList();
		}

		public Long getPid() {
			return this.pid;
		}

		public Integer getExitCode() {
			return this.exitCode;
		}

		public Integer getSignal() {
			return this.signal;
		}

		public List<WorkerDetails.Line> getOutput() {
			return this.output;
		}

		/**
		 * Recent finished runs, oldest first.
		 * @return the runs
		 */
		public List<RunDescriptor> getHistory() {
			return this.history;
		}

	}

	/**
	 * How the last finished run ended.
	 */
	public static class LastExitDescriptor {

		private final String outcome;

		private final String exception;

		private final String message;

		private final Instant at;

		LastExitDescriptor(RunRecord run) {
			this.outcome = run.outcome().tagValue();
			this.exception = run.exception();
			this.message = run.message();
			this.at = run.endedAt();
		}

		/**
		 * {@code completed}, {@code failed} or {@code stopped}.
		 * @return the outcome
		 */
		public String getOutcome() {
			return this.outcome;
		}

		/**
		 * The class name of what the run threw.
		 * @return the class name, or {@code null}
		 */
		public String getException() {
			return this.exception;
		}

		public String getMessage() {
			return this.message;
		}

		public Instant getAt() {
			return this.at;
		}

	}

	/**
	 * One finished run: its last exit plus its attempt, start and duration.
	 */
	public static final class RunDescriptor extends LastExitDescriptor {

		private final int attempt;

		private final Instant startedAt;

		private final Duration duration;

		RunDescriptor(RunRecord run) {
			super(run);
			this.attempt = run.attempt();
			this.startedAt = run.startedAt();
			this.duration = run.duration();
		}

		public int getAttempt() {
			return this.attempt;
		}

		public Instant getStartedAt() {
			return this.startedAt;
		}

		public Duration getDuration() {
			return this.duration;
		}

	}

}
