package dev.supervisor.sample.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The recipe under the default base path, {@code /actuator}.
 */
@DirtiesContext
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=secured-application",
				"management.endpoints.web.exposure.include=health,info,supervisor",
				"management.endpoint.supervisor.access=unrestricted" })
class DefaultBasePathSecurityRecipeTests extends SecurityRecipeContract {

	@LocalServerPort
	int port;

	@Override
	String actuator() {
		return "http://localhost:" + this.port + "/actuator";
	}

}
