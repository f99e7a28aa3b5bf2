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

import dev.supervisor.actuate.metrics.WorkerTableMetrics;
import dev.supervisor.core.Supervisor;

/**
 * Auto-configuration of the worker tables' Micrometer meters; {@code supervisor.metrics.enabled=false}
 * switches them off with the other supervisor meters.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		SupervisorAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ Supervisor.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "supervisor.metrics.enabled", matchIfMissing = true)
public final class WorkerTableMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkerTableMetrics supervisorWorkerTableMetrics(Supervisor supervisor) {
		return new WorkerTableMetrics(supervisor);
	}

}
