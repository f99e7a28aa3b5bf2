package dev.supervisor.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.annotation.ImportRuntimeHints;

import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.table.NoSuchTableException;

/**
 * {@link Endpoint @Endpoint} to see and steer the workers of a {@link Supervisor}: the list of
 * workers and worker tables, one worker with its recent runs, {@code start}, {@code stop} and
 * {@code restart} by name, and {@code refresh} of a worker table (on the web). Read-only unless {@code management.endpoint.supervisor.access}
 * says otherwise. Shows no configuration values of a worker beyond its restart policy; run
 * exception messages, key source errors and process output lines, which may hold secrets, only as
 * {@code management.endpoint.supervisor.show-values} allows (never, by default).
 */
@Endpoint(id = "supervisor", defaultAccess = Access.READ_ONLY)
@ImportRuntimeHints(SupervisorEndpointRuntimeHints.class)
public class SupervisorEndpoint {

	/** What replaces a value that is not shown, as in Spring Boot's {@code env} endpoint. */
	static final String HIDDEN = "******";

	private final Supervisor supervisor;

	private final WorkerDetailsResolver detailsResolver;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create an endpoint that never shows values.
	 * @param supervisor the supervisor
	 */
	public SupervisorEndpoint(Supervisor supervisor) {
		this(supervisor, WorkerDetailsResolver.standard(), Show.NEVER, Set.of());
	}

	/**
	 * Create an endpoint.
	 * @param supervisor the supervisor
	 * @param detailsResolver what tells workers from processes
	 * @param showValues when to show run exception messages and process output lines, which may
	 * hold secrets
	 * @param roles the roles that may see them under {@link Show#WHEN_AUTHORIZED}; any
	 * authenticated user when empty
	 */
	public SupervisorEndpoint(Supervisor supervisor, WorkerDetailsResolver detailsResolver, Show showValues,
			Set<String> roles) {
		this.supervisor = supervisor;
		this.detailsResolver = detailsResolver;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * All workers, ordered by name, all groups, in the order they were added, and all worker
	 * tables.
	 * @param securityContext who asks, for {@code show-values}
	 * @return the workers, groups and tables
	 */
	public WorkersDescriptor workers(SecurityContext securityContext) {
		return workers(securityContext, WorkerQuery.ALL);
	}

	/**
	 * The workers that match optional filters, ordered by name, optionally one page of them.
	 * Unfiltered, the answer also lists all groups and worker tables; filtered or paged, it lists
	 * only workers and says how many matched ({@code total}).
	 * @param securityContext who asks, for {@code show-values}
	 * @param state the states to list, comma-separated, such as {@code FATAL,BACKOFF}
	 * @param group only the workers of this group, directly or through nested groups
	 * @param table only the workers of this worker table
	 * @param prefix only the workers whose name starts with this
	 * @param page which page of the matching workers, from 0 ({@value WorkerQuery#DEFAULT_SIZE}
	 * per page unless {@code size} says otherwise)
	 * @param size how many workers per page, 1 to {@value WorkerQuery#MAX_SIZE}
	 * @return the workers, groups and tables
	 * @throws InvalidEndpointRequestException if a value is not allowed, naming the parameter,
	 * the value and what is allowed
	 */
	@ReadOperation
	public WorkersDescriptor workers(SecurityContext securityContext, @Nullable String state, @Nullable String group,
			@Nullable String table, @Nullable String prefix, @Nullable String page, @Nullable String size) {
		return workers(securityContext, WorkerQuery.of(this.supervisor, state, group, table, prefix, page, size));
	}

	private WorkersDescriptor workers(SecurityContext securityContext, WorkerQuery query) {
		boolean show = showValues(securityContext);
		// The whole list keeps the supervisor's name order for later lists, filtered ones included.
		List<WorkerStatus> matching = query.narrows() ? this.supervisor.statuses(query.filter(this.supervisor))
				: this.supervisor.statuses();
		List<WorkerDescriptor> listed = query.page(matching)
			.stream()
			.map((status) -> new WorkerDescriptor(status, this.detailsResolver.resolve(status), show,
					this.supervisor.groupOf(status.name()), this.supervisor.tableOf(status.name())))
			.toList();
		if (query.narrows()) {
			// Only the workers asked for: a table's descriptor lists all its keys.
			return new WorkersDescriptor(listed, null, null, matching.size(), query.page(), query.size());
		}
		return new WorkersDescriptor(listed, this.supervisor.groupStatuses().stream().map(this::describe).toList(),
				this.supervisor.tableStatuses().stream().map((table) -> new TableDescriptor(table, show)).toList(),
				null, null, null);
	}

	/**
	 * One worker with its recent runs ({@link WorkerDetailsDescriptor}), or one group
	 * ({@link GroupDescriptor}).
	 * @param name the worker's or group's name
	 * @return the worker or group, or {@code null} (a 404 on the web) if there is none of that
	 * name
	 */
	@ReadOperation
	public @Nullable OperationResponseBody worker(SecurityContext securityContext, @Selector String name) {
		try {
			return describe(securityContext, requireName(name));
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
	 * @throws InvalidEndpointRequestException if the action is missing or not one of the
	 * allowed ones
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	@WriteOperation
	public OperationResponseBody control(SecurityContext securityContext, @Selector String name,
			@Nullable String action) {
		describe(securityContext, requireName(name));
		String kind = this.supervisor.containsGroup(name) ? "group" : "worker";
		switch (Action.of(kind, name, action)) {
			case START -> this.supervisor.start(name);
			case STOP -> this.supervisor.stop(name);
			case RESTART -> this.supervisor.restart(name);
		}
		return describe(securityContext, name);
	}

	/**
	 * Whether a name is that of a worker table and of no worker.
	 * @param name the name
	 * @return {@code true} for a table
	 */
	public boolean isTable(String name) {
		return !this.supervisor.contains(name)
				&& this.supervisor.tableStatuses().stream().anyMatch((table) -> table.name().equals(name));
	}

	/**
	 * One worker table.
	 * @param securityContext who asks, for {@code show-values}
	 * @param name the table's name
	 * @return the table
	 * @throws NoSuchTableException if there is no table of that name
	 */
	public TableDescriptor table(SecurityContext securityContext, String name) {
		return new TableDescriptor(this.supervisor.tableStatus(name), showValues(securityContext));
	}

	/**
	 * Read a worker table's key source and reconcile its workers now (or right after the pass in
	 * progress). Returns without waiting for the pass.
	 * @param securityContext who asks, for {@code show-values}
	 * @param name the table's name
	 * @param action {@code refresh}, the only action a table knows
	 * @return the table right after the refresh was requested
	 * @throws NoSuchTableException if there is no table of that name
	 * @throws InvalidEndpointRequestException if the action is not {@code refresh}
	 * @throws IllegalStateException if the supervisor is shut down
	 */
	public TableDescriptor refreshTable(SecurityContext securityContext, String name, @Nullable String action) {
		this.supervisor.tableStatus(name);
		if (action == null || !"refresh".equalsIgnoreCase(action.trim())) {
			String message = ((action != null) ? "Unknown action '" + abbreviate(action) + "'" : "Missing action")
					+ " for worker table '" + abbreviate(name) + "'; allowed actions: refresh";
			throw new InvalidEndpointRequestException(message, message);
		}
		this.supervisor.refreshTable(name);
		return table(securityContext, name);
	}

	private WorkerDetailsDescriptor describe(SecurityContext securityContext, WorkerStatus status) {
		return new WorkerDetailsDescriptor(status, this.detailsResolver.resolve(status), showValues(securityContext),
				this.supervisor.groupOf(status.name()), this.supervisor.tableOf(status.name()));
	}

	private OperationResponseBody describe(SecurityContext securityContext, String name) {
		if (this.supervisor.containsGroup(name)) {
			return describe(this.supervisor.groupStatus(name));
		}
		return describe(securityContext, this.supervisor.status(name));
	}

	private GroupDescriptor describe(GroupStatus status) {
		return new GroupDescriptor(status, this.supervisor.groupOf(status.name()));
	}

	/**
	 * A name from a caller that may not check it, such as a JMX client.
	 */
	private static String requireName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			String message = "A worker name is required";
			throw new InvalidEndpointRequestException(message, message);
		}
		return name;
	}

	private boolean showValues(SecurityContext securityContext) {
		return this.showValues.isShown(securityContext, this.roles);
	}

	/**
	 * A value from a request, short enough to echo in an error message.
	 * @param value the value
	 * @return the value, or its first 64 characters and how long it was
	 */
	static String abbreviate(String value) {
		int max = 64;
		return (value.length() <= max) ? value : value.substring(0, max) + "... (" + value.length() + " characters)";
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

		static Action of(String kind, String worker, @Nullable String action) {
			if (action == null) {
				String message = "Missing action for " + kind + " '" + abbreviate(worker)
						+ "': send a JSON body such as {\"action\": \"restart\"}; allowed actions: " + ALLOWED;
				throw new InvalidEndpointRequestException(message, message);
			}
			for (Action candidate : values()) {
				if (candidate.value().equalsIgnoreCase(action.trim())) {
					return candidate;
				}
			}
			String message = "Unknown action '" + abbreviate(action) + "' for " + kind + " '" + abbreviate(worker)
					+ "'; allowed actions: " + ALLOWED;
			throw new InvalidEndpointRequestException(message, message);
		}

	}

	/**
	 * The list of workers, the list of groups and the list of worker tables; when filtered or
	 * paged, how many workers matched and which page this is.
	 */
	public static final class WorkersDescriptor implements OperationResponseBody {

		private final List<WorkerDescriptor> workers;

		private final @Nullable List<GroupDescriptor> groups;

		private final @Nullable List<TableDescriptor> tables;

		private final @Nullable Integer total;

		private final @Nullable Integer page;

		private final @Nullable Integer size;

		WorkersDescriptor(List<WorkerDescriptor> workers, @Nullable List<GroupDescriptor> groups,
				@Nullable List<TableDescriptor> tables,
				@Nullable Integer total, @Nullable Integer page, @Nullable Integer size) {
			this.workers = workers;
			this.groups = groups;
			this.tables = tables;
			this.total = total;
			this.page = page;
			this.size = size;
		}

		/**
		 * How many workers matched the filters, on every page together.
		 * @return the count, or {@code null} (left out) when the list is neither filtered nor
		 * paged
		 */
		public @Nullable Integer getTotal() {
			return this.total;
		}

		/**
		 * Which page this is, from 0.
		 * @return the page, or {@code null} (left out) when the list is not paged
		 */
		public @Nullable Integer getPage() {
			return this.page;
		}

		/**
		 * The most workers a page holds.
		 * @return the size, or {@code null} (left out) when the list is not paged
		 */
		public @Nullable Integer getSize() {
			return this.size;
		}

		public List<WorkerDescriptor> getWorkers() {
			return this.workers;
		}

		/**
		 * The groups, in the order they were added.
		 * @return the groups, or {@code null} (left out) when the list is filtered or paged
		 */
		public @Nullable List<GroupDescriptor> getGroups() {
			return this.groups;
		}

		/**
		 * The worker tables, ordered by name.
		 * @return the tables, or {@code null} (left out) when the list is filtered or paged
		 */
		public @Nullable List<TableDescriptor> getTables() {
			return this.tables;
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

		private final @Nullable String waitingFor;

		private final boolean critical;

		private final boolean singleton;

		private final @Nullable Boolean leader;

		private final @Nullable String group;

		GroupDescriptor(GroupStatus status, @Nullable String group) {
			this.name = status.name();
			this.strategy = status.spec().strategy().displayName();
			this.state = status.state().name();
			this.restarts = status.restarts();
			this.members = status.members();
			this.waitingFor = status.waitingFor();
			this.critical = status.spec().critical();
			this.singleton = status.spec().singleton();
			this.leader = this.singleton ? status.leader() : null;
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
		public @Nullable String getWaitingFor() {
			return this.waitingFor;
		}

		public boolean isCritical() {
			return this.critical;
		}

		/**
		 * Whether the group is a cluster singleton, elected as a whole.
		 * @return {@code true} for a singleton group
		 */
		public boolean isSingleton() {
			return this.singleton;
		}

		/**
		 * Whether this instance holds the singleton group's leadership.
		 * @return the flag, or {@code null} (left out) for a group that is not a singleton
		 */
		public @Nullable Boolean getLeader() {
			return this.leader;
		}

		/**
		 * The group this group is nested in.
		 * @return the group's name, or {@code null}
		 */
		public @Nullable String getGroup() {
			return this.group;
		}

	}


	/**
	 * One worker as it appears in the list. Values that are absent are {@code null} and left
	 * out of the JSON.
	 */
	public static class WorkerDescriptor implements OperationResponseBody {

		/** Each policy's name as shown, made once rather than for each worker of a long list. */
		private static final Map<RestartPolicy, String> POLICIES = new EnumMap<>(Arrays.stream(RestartPolicy.values())
			.collect(Collectors.toMap(Function.identity(),
					(policy) -> policy.name().toLowerCase(Locale.ROOT).replace('_', '-'))));

		private final String name;

		private final String type;

		private final String state;

		private final int restarts;

		private final String policy;

		private final boolean critical;

		private final boolean singleton;

		private final Boolean leader;

		private final Instant startedAt;

		private final LastExitDescriptor lastExit;

		private final @Nullable String group;

		private final @Nullable String table;

		WorkerDescriptor(WorkerStatus status, WorkerDetails details, boolean showValues, @Nullable String group,
				@Nullable String table) {
			this.table = table;
			this.name = status.name();
			this.type = details.type();
			this.state = status.state().name();
			this.restarts = status.restarts();
			this.policy = POLICIES.get(status.spec().restart());
			this.critical = status.spec().critical();
			this.singleton = status.spec().singleton();
			this.leader = this.singleton ? status.leader() : null;
			this.startedAt = status.startedAt();
			this.lastExit = (status.lastExit() != null) ? new LastExitDescriptor(status.lastExit(), showValues) : null;
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

		/**
		 * Whether the worker is a cluster singleton.
		 * @return {@code true} for a singleton
		 */
		public boolean isSingleton() {
			return this.singleton;
		}

		/**
		 * Whether this instance holds the singleton's leadership.
		 * @return the flag, or {@code null} (left out) for a worker that is not a singleton
		 */
		public Boolean getLeader() {
			return this.leader;
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
		public @Nullable String getGroup() {
			return this.group;
		}

		/**
		 * The worker table the worker belongs to.
		 * @return the table's name, or {@code null} if it belongs to none
		 */
		public @Nullable String getTable() {
			return this.table;
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

		WorkerDetailsDescriptor(WorkerStatus status, WorkerDetails details, boolean showValues,
				@Nullable String group, @Nullable String table) {
			super(status, details, showValues, group, table);
			this.pid = details.pid();
			this.exitCode = details.exitCode();
			this.signal = details.signal();
			this.output = (details.output() != null && !showValues)
					? details.output().stream().map((line) -> new WorkerDetails.Line(line.at(), line.stream(), HIDDEN)).toList()
					: details.output();
			this.history = status.history().stream().map((run) -> new RunDescriptor(run, showValues)).toList();
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

		LastExitDescriptor(RunRecord run, boolean showValues) {
			this.outcome = run.outcome().tagValue();
			this.exception = run.exception();
			this.message = (run.message() != null && !showValues) ? HIDDEN : run.message();
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

		/**
		 * The message of what the run threw, or {@code ******} unless values are shown.
		 * @return the message, or {@code null}
		 */
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

		RunDescriptor(RunRecord run, boolean showValues) {
			super(run, showValues);
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
