package dev.supervisor.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * What the dashboard's pages learn from the server before they read the endpoint: where the
 * {@code supervisor} endpoint is, whether it takes writes, and how often to read it. Served as
 * JSON next to the pages.
 *
 * @param endpoint the URL of the endpoint as the browser reaches it: a path on the dashboard's
 * own server, or an absolute URL when the actuator has a port of its own; {@code null} when the
 * endpoint cannot be reached over HTTP
 * @param access the endpoint's access: {@code none}, {@code read-only} or {@code unrestricted}
 * @param writable whether the endpoint takes start, stop and restart requests, so that the pages
 * show action buttons
 * @param refreshMillis how often the pages read the endpoint again, in milliseconds
 * @param problem why the endpoint cannot be reached over HTTP and what to change, or
 * {@code null}
 */
public record DashboardConfig(@Nullable String endpoint, String access, boolean writable, long refreshMillis,
		@Nullable String problem) {

}
