package dev.supervisor.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.supervisor.actuate.health.SupervisorHealthIndicator;
import dev.supervisor.core.Supervisor;

/**
 * Auto-configuration of the {@code supervisor} health contributor. Switched off with
 * {@code management.health.supervisor.enabled=false}.
 */
@AutoConfiguration(afterName = "dev.supervisor.autoconfigure.SupervisorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Supervisor.class)
public final class SupervisorHealthAutoConfiguration {

	// The bean name gives the contributor its name: supervisor. The health condition sits on the
	// method: on the class, Spring would load it before @ConditionalOnClass could back off.
	@Bean
	@ConditionalOnEnabledHealthIndicator("supervisor")
	@ConditionalOnMissingBean(value = SupervisorHealthIndicator.class, name = "supervisorHealthIndicator")
	SupervisorHealthIndicator supervisorHealthIndicator(Supervisor supervisor) {
		return new SupervisorHealthIndicator(supervisor);
	}

}
