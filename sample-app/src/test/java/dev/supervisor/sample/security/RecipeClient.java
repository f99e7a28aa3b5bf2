package dev.supervisor.sample.security;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One user's HTTP session, as a script or a single-page application would hold it: HTTP Basic
 * credentials (none for an anonymous client) and a cookie jar, from which a write takes the
 * {@code XSRF-TOKEN} cookie and sends it back in the {@code X-XSRF-TOKEN} header.
 */
final class RecipeClient {

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String authorization;

	private RecipeClient(String authorization) {
		this.authorization = authorization;
	}

	static RecipeClient anonymous() {
		return new RecipeClient(null);
	}

	static RecipeClient as(String user) {
		String credentials = user + ":" + SecuredApplication.PASSWORD;
		return new RecipeClient("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	int get(String url) throws Exception {
		return send(request(url).GET());
	}

	/**
	 * The body of a GET that must succeed.
	 */
	String read(String url) throws Exception {
		HttpResponse<String> response = this.client.send(request(url).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * Post as a single-page application does: read the CSRF cookie first (a GET of the
	 * health endpoint, open to all, sets it), then send it back as a header.
	 */
	int postWithCsrfToken(String url, String healthUrl, String json) throws Exception {
		get(healthUrl);
		String token = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie after GET " + healthUrl));
		return send(json(request(url), json).header("X-XSRF-TOKEN", token));
	}

	int postWithoutCsrfToken(String url, String json) throws Exception {
		return send(json(request(url), json));
	}

	private HttpRequest.Builder request(String url) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return request;
	}

	private static HttpRequest.Builder json(HttpRequest.Builder request, String json) {
		return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private int send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
