package dev.supervisor.sample.security;

import java.time.Duration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Worker;

/**
 * An application secured by the documented {@link ActuatorSecurityConfiguration}, with one
 * worker that runs until stopped and three users: {@code viewer} (role {@code USER}),
 * {@code operator} ({@code USER} and {@code OPERATOR}) and {@code admin} ({@code ACTUATOR}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ActuatorSecurityConfiguration.class)
class SecuredApplication {

	static final String PASSWORD = "pa55word";

	@Bean
	@Supervised("poller")
	Worker poller() {
		return (context) -> {
			while (context.sleep(Duration.ofMinutes(1))) {
				// Runs until stopped.
			}
		};
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(user("viewer", "USER"), user("operator", "USER", "OPERATOR"),
				user("admin", "ACTUATOR"));
	}

	private static org.springframework.security.core.userdetails.UserDetails user(String name, String... roles) {
		return User.withUsername(name).password("{noop}" + PASSWORD).roles(roles).build();
	}

}
