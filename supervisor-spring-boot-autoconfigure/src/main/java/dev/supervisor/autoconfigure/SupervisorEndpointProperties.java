package dev.supervisor.autoconfigure;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code supervisor} actuator endpoint.
 */
@ConfigurationProperties("management.endpoint.supervisor")
public class SupervisorEndpointProperties {

	/**
	 * When to show run exception messages and process output lines, which may hold secrets.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles allowed to see those values when show-values is when-authorized; any authenticated
	 * user when empty.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
