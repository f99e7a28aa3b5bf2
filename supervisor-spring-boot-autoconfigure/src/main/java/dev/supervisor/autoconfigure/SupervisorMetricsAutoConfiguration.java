package dev.supervisor.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.supervisor.actuate.metrics.SupervisorMetrics;
import dev.supervisor.core.Supervisor;

/**
 * Auto-configuration of the supervisor's Micrometer meters. Spring Boot binds the
 * {@link SupervisorMetrics} binder to the meter registry; {@code supervisor.metrics.enabled=false}
 * switches the meters off.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		afterName = "dev.supervisor.autoconfigure.SupervisorAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ Supervisor.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "supervisor.metrics.enabled", matchIfMissing = true)
public final class SupervisorMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SupervisorMetrics supervisorMetrics(Supervisor supervisor) {
		return new SupervisorMetrics(supervisor);
	}

}
