package dev.supervisor.actuate.endpoint;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;

/**
 * The optional filters and page of the endpoint's list of workers, checked when parsed: a bad
 * value is an {@link InvalidEndpointRequestException} (a 400 on the web) whose message names the
 * parameter, the value and what is allowed. Without filters every worker matches; without
 * {@code page} and {@code size} the list is not paged.
 *
 * @param states the states a worker must be in, empty for any
 * @param group the group a worker must belong to, directly or through nested groups
 * @param table the worker table a worker must belong to
 * @param prefix how a worker's name must start
 * @param page which page, from 0, or {@code null} for no paging
 * @param size how many workers per page, or {@code null} for no paging
 */
record WorkerQuery(Set<WorkerState> states, @Nullable String group, @Nullable String table, @Nullable String prefix,
		@Nullable Integer page, @Nullable Integer size) {

	/** The page size when only {@code page} is given. */
	static final int DEFAULT_SIZE = 100;

	/** The largest page. */
	static final int MAX_SIZE = 10_000;

	private static final int MAX_LISTED_NAMES = 20;

	private static final String ALLOWED_STATES = Arrays.stream(WorkerState.values())
		.map(WorkerState::name)
		.collect(Collectors.joining(", "));

	static final WorkerQuery ALL = new WorkerQuery(Set.of(), null, null, null, null, null);

	/**
	 * Parse and check the parameters of a request.
	 * @param supervisor the supervisor, which knows the groups and tables
	 * @return the query
	 * @throws InvalidEndpointRequestException naming the bad parameter, its value and what is
	 * allowed
	 */
	static WorkerQuery of(Supervisor supervisor, @Nullable String state, @Nullable String group,
			@Nullable String table, @Nullable String prefix, @Nullable String page, @Nullable String size) {
		Integer pageNumber = number("page", page, 0, Integer.MAX_VALUE, "a whole number, 0 or more");
		Integer pageSize = number("size", size, 1, MAX_SIZE, "a whole number from 1 to " + MAX_SIZE);
		if (pageNumber != null && pageSize == null) {
			pageSize = DEFAULT_SIZE;
		}
		else if (pageSize != null && pageNumber == null) {
			pageNumber = 0;
		}
		String groupName = blankToNull(group);
		if (groupName != null && !supervisor.containsGroup(groupName)) {
			throw invalid("group", groupName, "the name of a group; known groups: "
					+ listed(supervisor.groupStatuses().stream().map((status) -> status.name()).toList()));
		}
		String tableName = blankToNull(table);
		if (tableName != null && supervisor.tableStatuses().stream().noneMatch((status) -> status.name().equals(tableName))) {
			throw invalid("table", tableName, "the name of a worker table; known tables: "
					+ listed(supervisor.tableStatuses().stream().map((status) -> status.name()).toList()));
		}
		return new WorkerQuery(states(state), groupName, tableName, blankToNull(prefix), pageNumber, pageSize);
	}

	/**
	 * Whether the list is filtered or paged, so its answer says how many workers matched.
	 * @return {@code true} unless every worker is listed
	 */
	boolean narrows() {
		return !this.states.isEmpty() || this.group != null || this.table != null || this.prefix != null
				|| this.page != null;
	}

	/**
	 * The filters as one test of a worker's snapshot; the cheap ones first.
	 * @param supervisor the supervisor, which knows groups and tables
	 * @return the test
	 */
	Predicate<WorkerStatus> filter(Supervisor supervisor) {
		Predicate<WorkerStatus> filter = (status) -> true;
		if (this.prefix != null) {
			String start = this.prefix;
			filter = filter.and((status) -> status.name().startsWith(start));
		}
		if (!this.states.isEmpty()) {
			Set<WorkerState> wanted = this.states;
			filter = filter.and((status) -> wanted.contains(status.state()));
		}
		if (this.table != null) {
			String wanted = this.table;
			filter = filter.and((status) -> wanted.equals(supervisor.tableOf(status.name())));
		}
		if (this.group != null) {
			String wanted = this.group;
			filter = filter.and((status) -> inGroup(supervisor, status.name(), wanted));
		}
		return filter;
	}

	/**
	 * The requested page of the matching workers, or all of them without paging.
	 * @param <T> what is listed
	 * @param matching the matching workers, in order
	 * @return the page, empty past the last one
	 */
	<T> List<T> page(List<T> matching) {
		if (this.page == null || this.size == null) {
			return matching;
		}
		long from = (long) this.page * this.size;
		if (from >= matching.size()) {
			return List.of();
		}
		return matching.subList((int) from, (int) Math.min(matching.size(), from + this.size));
	}

	private static boolean inGroup(Supervisor supervisor, String member, String group) {
		for (String parent = supervisor.groupOf(member); parent != null; parent = supervisor.groupOf(parent)) {
			if (parent.equals(group)) {
				return true;
			}
		}
		return false;
	}

	private static Set<WorkerState> states(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return Set.of();
		}
		Set<WorkerState> states = EnumSet.noneOf(WorkerState.class);
		for (String part : value.split(",")) {
			String name = part.trim().toUpperCase(Locale.ROOT);
			try {
				states.add(WorkerState.valueOf(name));
			}
			catch (IllegalArgumentException ex) {
				throw invalid("state", part.trim(), "one or more of " + ALLOWED_STATES + ", separated by commas");
			}
		}
		return states;
	}

	private static @Nullable Integer number(String parameter, @Nullable String value, int min, int max,
			String allowed) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, with what is allowed.
		}
		throw invalid(parameter, value, allowed);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static String listed(List<String> names) {
		return (names.size() <= MAX_LISTED_NAMES) ? names.toString()
				: names.subList(0, MAX_LISTED_NAMES) + " and " + (names.size() - MAX_LISTED_NAMES) + " more";
	}

	private static InvalidEndpointRequestException invalid(String parameter, String value, String allowed) {
		String message = "Invalid value '" + SupervisorEndpoint.abbreviate(value) + "' for parameter '" + parameter
				+ "' (allowed: " + allowed + ")";
		return new InvalidEndpointRequestException(message, message);
	}

}
