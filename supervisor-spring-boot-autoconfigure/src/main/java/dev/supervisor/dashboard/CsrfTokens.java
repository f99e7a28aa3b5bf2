package dev.supervisor.dashboard;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;

/**
 * Makes Spring Security write its CSRF cookie for the dashboard. Under the single-page
 * application convention ({@code csrf((csrf) -> csrf.spa())}) the token is created lazily and
 * its {@code XSRF-TOKEN} cookie is written only once something reads it; a page of static files
 * reads nothing on the server, so the first write after a login would be refused. Reading the
 * token while the page loads its configuration writes the cookie, which the page sends back as
 * the {@code X-XSRF-TOKEN} header. Does nothing without Spring Security or without CSRF
 * protection.
 */
final class CsrfTokens {

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.web.csrf.CsrfToken", CsrfTokens.class.getClassLoader());

	private CsrfTokens() {
	}

	static void load(HttpServletRequest request) {
		if (SECURITY_PRESENT) {
			Security.load(request);
		}
	}

	/**
	 * Kept apart so that Spring Security's classes load only when they are present.
	 */
	private static final class Security {

		static void load(HttpServletRequest request) {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
		}

	}

}
