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

/**
 * {@link Endpoint @Endpoint} to see and steer the workers of a {@link Supervisor}: the list of
 * workers, one worker with its recent runs, and {@code start}, {@code stop} and
 * {@code restart} by name. Read-only unless {@code management.endpoint.supervisor.access}
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
	 * All workers, ordered by name.
	 * @return the workers
	 */
	@ReadOperation
	public WorkersDescriptor workers() {
		return new WorkersDescriptor(this.supervisor.statuses()
			.stream()
			.map((status) -> new WorkerDescriptor(status, this.detailsResolver.resolve(status)))
			.toList());
	}

	/**
	 * One worker with its recent runs.
	 * @param name the worker's name
	 * @return the worker, or {@code null} (a 404 on the web) if there is none of that name
	 */
	@ReadOperation
	public WorkerDetailsDescriptor worker(@Selector String name) {
		try {
			return describe(this.supervisor.status(name));
		}
		catch (NoSuchWorkerException ex) {
			return null;
		}
	}

	/**
	 * Start, stop or restart a worker. Returns without waiting for the worker to get there.
	 * @param name the worker's name
	 * @param action {@code start}, {@code stop} or {@code restart}
	 * @return the worker right after the action was requested
	 * @throws NoSuchWorkerException if there is no worker of that name
	 * @throws InvalidEndpointRequestException if the action is not one of the allowed ones
	 */
	@WriteOperation
	public WorkerDetailsDescriptor control(@Selector String name, String action) {
		this.supervisor.status(name);
		switch (Action.of(name, action)) {
			case START -> this.supervisor.start(name);
			case STOP -> this.supervisor.stop(name);
			case RESTART -> this.supervisor.restart(name);
		}
		return describe(this.supervisor.status(name));
	}

	private WorkerDetailsDescriptor describe(WorkerStatus status) {
		return new WorkerDetailsDescriptor(status, this.detailsResolver.resolve(status));
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

		static Action of(String worker, String action) {
			for (Action candidate : values()) {
				if (candidate.value().equalsIgnoreCase(action.trim())) {
					return candidate;
				}
			}
			String message = "Unknown action '" + action + "' for worker '" + worker + "'; allowed actions: "
					+ ALLOWED;
			throw new InvalidEndpointRequestException(message, message);
		}

	}

	/**
	 * The list of workers.
	 */
	public static final class WorkersDescriptor implements OperationResponseBody {

		private final List<WorkerDescriptor> workers;

		WorkersDescriptor(List<WorkerDescriptor> workers) {
			this.workers = workers;
		}

		public List<WorkerDescriptor> getWorkers() {
			return this.workers;
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

		WorkerDescriptor(WorkerStatus status, WorkerDetails details) {
			this.name = status.name();
			this.type = details.type();
			this.state = status.state().name();
			this.restarts = status.restarts();
			this.policy = status.spec().restart().name().toLowerCase(Locale.ROOT).replace('_', '-');
			this.critical = status.spec().critical();
			this.startedAt = status.startedAt();
			this.lastExit = (status.lastExit() != null) ? new LastExitDescriptor(status.lastExit()) : null;
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

		WorkerDetailsDescriptor(WorkerStatus status, WorkerDetails details) {
			super(status, details);
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
