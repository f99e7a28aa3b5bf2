package dev.supervisor.actuate.endpoint;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import dev.supervisor.core.NoSuchWorkerException;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerStatus;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link SupervisorEndpoint}: answers
 * an unknown worker with 404 and the known names, a missing or unknown action with 400 and the
 * allowed ones, a bad filter or page of the list with 400 naming the parameter, the value and
 * what is allowed, and a write while the supervisor is not running with 409, each with a JSON body
 * that says what was wrong. Values from the request are echoed at most 64 characters long. A
 * worker table's name answers the table, and a write to it with {@code refresh} reconciles it
 * now.
 */
@EndpointWebExtension(endpoint = SupervisorEndpoint.class)
public class SupervisorEndpointWebExtension {

	private static final int STATUS_CONFLICT = 409;

	private static final int MAX_LISTED_NAMES = 20;

	private final SupervisorEndpoint delegate;

	private final Supervisor supervisor;

	public SupervisorEndpointWebExtension(SupervisorEndpoint delegate, Supervisor supervisor) {
		this.delegate = delegate;
		this.supervisor = supervisor;
	}

	/**
	 * The workers that match optional filters, optionally one page of them, with all groups and
	 * worker tables.
	 * @param securityContext who asks, for {@code show-values}
	 * @param state the states to list, comma-separated
	 * @param group only the workers of this group
	 * @param table only the workers of this worker table
	 * @param prefix only the workers whose name starts with this
	 * @param page which page, from 0
	 * @param size how many workers per page
	 * @return the list (200), or an error naming the parameter, the value and what is allowed
	 * (400)
	 * @see SupervisorEndpoint#workers(SecurityContext, String, String, String, String, String, String)
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> workers(SecurityContext securityContext, @Nullable String state,
			@Nullable String group, @Nullable String table, @Nullable String prefix, @Nullable String page,
			@Nullable String size) {
		try {
			return new WebEndpointResponse<>(this.delegate.workers(securityContext, state, group, table, prefix, page, size));
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
	}

	/**
	 * One worker with its recent runs.
	 * @param securityContext who asks, for {@code show-values}
	 * @param name the worker's name
	 * @return the worker (200), or an error naming the known workers (404)
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> worker(SecurityContext securityContext, @Selector String name) {
		OperationResponseBody worker = this.delegate.worker(securityContext, name);
		if (worker == null && this.delegate.isTable(name)) {
			return new WebEndpointResponse<>(this.delegate.table(securityContext, name));
		}
		return (worker != null) ? new WebEndpointResponse<>(worker) : notFound(name);
	}

	/**
	 * Start, stop or restart a worker, or refresh a worker table.
	 * @param securityContext who asks, for {@code show-values}
	 * @param name the worker's or table's name
	 * @param action {@code start}, {@code stop} or {@code restart} for a worker, {@code refresh}
	 * for a table
	 * @return the worker right after the action (200), or an error (400, 404, 409)
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> control(SecurityContext securityContext, @Selector String name,
			@Nullable String action) {
		try {
			if (this.delegate.isTable(name)) {
				return new WebEndpointResponse<>(this.delegate.refreshTable(securityContext, name, action));
			}
			return new WebEndpointResponse<>(this.delegate.control(securityContext, name, action));
		}
		catch (NoSuchWorkerException ex) {
			return notFound(name);
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
		catch (IllegalStateException ex) {
			// The supervisor is shut down: the application is stopping or stopped.
			return error(STATUS_CONFLICT, "Conflict", "Cannot " + SupervisorEndpoint.abbreviate(String.valueOf(action))
					+ (this.delegate.isTable(name) ? " worker table '" : " worker '") + SupervisorEndpoint.abbreviate(name)
					+ "': the supervisor is not running");
		}
	}

	private WebEndpointResponse<OperationResponseBody> notFound(String name) {
		List<String> known = this.supervisor.statuses().stream().map(WorkerStatus::name).toList();
		String names = (known.size() <= MAX_LISTED_NAMES) ? known.toString()
				: known.subList(0, MAX_LISTED_NAMES) + " and " + (known.size() - MAX_LISTED_NAMES) + " more";
		return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found",
				"Worker '" + SupervisorEndpoint.abbreviate(name) + "' is not registered; known workers: " + names);
	}

	private static WebEndpointResponse<OperationResponseBody> error(int status, String error, String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(status, error, message), status);
	}

	/**
	 * The body of an error answer, shaped like Spring Boot's error responses.
	 */
	public static final class ErrorDescriptor implements OperationResponseBody {

		private final int status;

		private final String error;

		private final String message;

		ErrorDescriptor(int status, String error, String message) {
			this.status = status;
			this.error = error;
			this.message = message;
		}

		public int getStatus() {
			return this.status;
		}

		public String getError() {
			return this.error;
		}

		public String getMessage() {
			return this.message;
		}

	}

}
