package dev.supervisor.dashboard;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds the {@code supervisor} endpoint the way a browser reaches it: under
 * {@code management.endpoints.web.base-path} (and its path mapping) on the application's port,
 * or on the management port with {@code management.server.base-path} when the actuator has a
 * port of its own. Looked up on each request, so the management port is known once the
 * management server has started.
 */
public class DashboardEndpointLocator {

	static final EndpointId ENDPOINT_ID = EndpointId.of("supervisor");

	private final Supplier<@Nullable PathMappedEndpoints> endpoints;

	private final EndpointAccessResolver accessResolver;

	private final Environment environment;

	private final Duration refresh;

	/**
	 * Create a locator.
	 * @param endpoints the web endpoints, or a supplier of {@code null} when there are none
	 * @param accessResolver how Spring Boot resolves an endpoint's access
	 * @param environment the environment, for the management server's port and base path
	 * @param refresh how often the dashboard reads the endpoint again
	 */
	public DashboardEndpointLocator(Supplier<@Nullable PathMappedEndpoints> endpoints,
			EndpointAccessResolver accessResolver, Environment environment, Duration refresh) {
		this.endpoints = endpoints;
		this.accessResolver = accessResolver;
		this.environment = environment;
		this.refresh = refresh;
	}

	/**
	 * The dashboard's configuration as seen by one request.
	 * @param request the request for the configuration, whose host and context path the
	 * browser uses
	 * @return the configuration
	 */
	public DashboardConfig locate(HttpServletRequest request) {
		Access access = this.accessResolver.accessFor(ENDPOINT_ID, Access.READ_ONLY);
		String accessName = access.name().toLowerCase(Locale.ROOT).replace('_', '-');
		long refreshMillis = this.refresh.toMillis();
		if (access == Access.NONE) {
			return unreachable(accessName, refreshMillis,
					"The supervisor endpoint is switched off (management.endpoint.supervisor.access=none); "
							+ "set it to read-only or unrestricted");
		}
		PathMappedEndpoints endpoints = this.endpoints.get();
		String path = (endpoints != null) ? endpoints.getPath(ENDPOINT_ID) : null;
		if (path == null) {
			return unreachable(accessName, refreshMillis,
					"The supervisor endpoint is not exposed over HTTP; add 'supervisor' to "
							+ "management.endpoints.web.exposure.include");
		}
		ManagementPortType portType = ManagementPortType.get(this.environment);
		if (portType == ManagementPortType.DISABLED) {
			return unreachable(accessName, refreshMillis,
					"The actuator's HTTP port is disabled (management.server.port=-1); "
							+ "the dashboard needs the supervisor endpoint over HTTP");
		}
		String url = (portType == ManagementPortType.DIFFERENT) ? onManagementPort(request, path)
				: request.getContextPath() + path;
		return new DashboardConfig(url, accessName, access == Access.UNRESTRICTED, refreshMillis, null);
	}

	private String onManagementPort(HttpServletRequest request, String path) {
		String port = this.environment.getProperty("local.management.port",
				this.environment.getProperty("management.server.port", ""));
		boolean ssl = this.environment.getProperty("management.server.ssl.enabled", Boolean.class,
				this.environment.containsProperty("management.server.ssl.bundle"));
		String basePath = this.environment.getProperty("management.server.base-path", "");
		if (StringUtils.hasText(basePath) && !basePath.startsWith("/")) {
			basePath = "/" + basePath;
		}
		if (basePath.endsWith("/")) {
			basePath = basePath.substring(0, basePath.length() - 1);
		}
		String host = request.getServerName();
		if (host.contains(":")) {
			host = "[" + host + "]";
		}
		return (ssl ? "https" : "http") + "://" + host + ":" + port + basePath + path;
	}

	private static DashboardConfig unreachable(String access, long refreshMillis, String problem) {
		return new DashboardConfig(null, access, false, refreshMillis, problem);
	}

}
