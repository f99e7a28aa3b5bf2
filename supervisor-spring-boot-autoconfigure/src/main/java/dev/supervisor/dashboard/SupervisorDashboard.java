package dev.supervisor.dashboard;

import java.net.URI;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the dashboard under its path: the page at {@code <path>/} (and a redirect from
 * {@code <path>}), its scripts and style sheet from the jar, and {@code <path>/config}, the
 * {@link DashboardConfig} that tells the page where the {@code supervisor} endpoint is. The
 * page reads and writes only through that endpoint, so its access and show-values rules apply
 * to the dashboard as they do to any other client.
 */
public final class SupervisorDashboard {

	/** Where the pages are in the jar. */
	static final String STATIC_LOCATION = "dev/supervisor/dashboard/static/";

	private final String path;

	private final DashboardEndpointLocator locator;

	private final Resource index = new ClassPathResource(STATIC_LOCATION + "index.html",
			SupervisorDashboard.class.getClassLoader());

	/**
	 * Create the dashboard.
	 * @param path the path it is served under, such as {@code /supervisor}
	 * @param locator where the pages find the endpoint
	 */
	public SupervisorDashboard(String path, DashboardEndpointLocator locator) {
		this.path = path;
		this.locator = locator;
	}

	/**
	 * The routes of the dashboard, for Spring MVC's functional endpoints.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routerFunction() {
		return RouterFunctions.route()
			.GET(this.path, this::redirectToPage)
			.GET(this.path + "/", this::page)
			.GET(this.path + "/config", this::config)
			.build()
			.and(RouterFunctions.resources(this.path + "/**",
					new ClassPathResource(STATIC_LOCATION, SupervisorDashboard.class.getClassLoader()),
					SupervisorDashboard::noCache));
	}

	private ServerResponse redirectToPage(ServerRequest request) {
		// The page's relative links need the trailing slash.
		return ServerResponse.status(HttpStatus.FOUND)
			.location(URI.create(request.servletRequest().getContextPath() + this.path + "/"))
			.build();
	}

	private ServerResponse page(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.cacheControl(CacheControl.noCache())
			.body(this.index);
	}

	private ServerResponse config(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(this.locator.locate(request.servletRequest()));
	}

	private static void noCache(Resource resource, HttpHeaders headers) {
		// A new version of the starter must not run with the scripts of the last one.
		headers.setCacheControl(CacheControl.noCache());
	}

}
