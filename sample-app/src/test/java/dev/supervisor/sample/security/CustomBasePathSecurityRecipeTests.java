package dev.supervisor.sample.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The recipe with {@code management.endpoints.web.base-path=/manage}: a matcher written for
 * {@code /actuator/supervisor/**} would let viewers write here.
 */
@DirtiesContext
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=secured-application", "management.endpoints.web.base-path=/manage",
				"management.endpoints.web.exposure.include=health,info,supervisor",
				"management.endpoint.supervisor.access=unrestricted" })
class CustomBasePathSecurityRecipeTests extends SecurityRecipeContract {

	@LocalServerPort
	int port;

	@Override
	String actuator() {
		return "http://localhost:" + this.port + "/manage";
	}

}
