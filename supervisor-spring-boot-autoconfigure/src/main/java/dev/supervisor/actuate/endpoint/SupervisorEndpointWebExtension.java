package dev.supervisor.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import dev.supervisor.core.NoSuchWorkerException;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link SupervisorEndpoint}: answers
 * a write to an unknown worker with 404 and an unknown action with 400, each with a body that
 * says what was wrong.
 */
@EndpointWebExtension(endpoint = SupervisorEndpoint.class)
public class SupervisorEndpointWebExtension {

	private final SupervisorEndpoint delegate;

	public SupervisorEndpointWebExtension(SupervisorEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Start, stop or restart a worker.
	 * @param name the worker's name
	 * @param action {@code start}, {@code stop} or {@code restart}
	 * @return the worker right after the action (200), or an error (400, 404)
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> control(@Selector String name, String action) {
		try {
			return new WebEndpointResponse<>(this.delegate.control(name, action));
		}
		catch (NoSuchWorkerException ex) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", ex.getMessage());
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
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
