package dev.supervisor.sample.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The recipe with the actuator on a separate management port ({@code management.server.port}).
 */
@DirtiesContext
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=secured-application", "management.server.port=0",
				"management.endpoints.web.exposure.include=health,info,supervisor",
				"management.endpoint.supervisor.access=unrestricted" })
class ManagementPortSecurityRecipeTests extends SecurityRecipeContract {

	@LocalManagementPort
	int managementPort;

	@Override
	String actuator() {
		return "http://localhost:" + this.managementPort + "/actuator";
	}

}
