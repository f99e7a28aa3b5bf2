package dev.supervisor.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.supervisor.actuate.endpoint.SupervisorEndpoint;
import dev.supervisor.actuate.endpoint.SupervisorEndpointWebExtension;
import dev.supervisor.actuate.endpoint.WorkerDetailsResolver;
import dev.supervisor.core.Supervisor;

/**
 * Auto-configuration of the {@code supervisor} actuator endpoint.
 */
@AutoConfiguration(afterName = "dev.supervisor.autoconfigure.SupervisorAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Supervisor.class)
@EnableConfigurationProperties(SupervisorEndpointProperties.class)
public final class SupervisorEndpointAutoConfiguration {

	// Endpoint conditions sit on the methods: on the class, Spring would load them before
	// @ConditionalOnClass could back off when actuator is absent.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	SupervisorEndpoint supervisorEndpoint(Supervisor supervisor, SupervisorEndpointProperties properties) {
		return new SupervisorEndpoint(supervisor, WorkerDetailsResolver.standard(), properties.getShowValues(),
				properties.getRoles());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SupervisorEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	SupervisorEndpointWebExtension supervisorEndpointWebExtension(SupervisorEndpoint supervisorEndpoint,
			Supervisor supervisor) {
		return new SupervisorEndpointWebExtension(supervisorEndpoint, supervisor);
	}

}
