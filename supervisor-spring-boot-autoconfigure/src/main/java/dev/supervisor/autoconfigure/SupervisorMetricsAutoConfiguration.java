package dev.supervisor.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.MeterObservationHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.supervisor.actuate.metrics.SupervisorMetrics;
import dev.supervisor.actuate.metrics.WorkerTags;
import dev.supervisor.core.Supervisor;
import dev.supervisor.observation.ObservationRunObserver;

/**
 * Auto-configuration of the supervisor's Micrometer meters. Spring Boot binds the
 * {@link SupervisorMetrics} binder to the meter registry; {@code supervisor.metrics.enabled=false}
 * switches the meters off; {@code supervisor.metrics.per-key-tags=true} tags the workers of tables
 * and the copies of replicated workers each with its own name. When each run is also an
 * observation with a meter handler, the run timer comes from the observation and the binder
 * leaves it out.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		afterName = "dev.supervisor.autoconfigure.SupervisorAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ Supervisor.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "supervisor.metrics.enabled", matchIfMissing = true)
public final class SupervisorMetricsAutoConfiguration {

	/**
	 * The binder registers the {@value SupervisorMetrics#RUN} timer unless each run is an
	 * observation and a meter handler turns observations into timers: then the timer is the
	 * observation's, under the same name, and registering it twice would clash.
	 */
	@Bean
	@ConditionalOnMissingBean
	SupervisorMetrics supervisorMetrics(Supervisor supervisor, ObjectProvider<ObservationRunObserver> observations,
			ObjectProvider<MeterObservationHandler<?>> meterHandlers, ObjectProvider<SupervisorProperties> properties) {
		boolean timedByObservations = observations.getIfAvailable() != null
				&& meterHandlers.stream().findAny().isPresent();
		SupervisorProperties configured = properties.getIfAvailable();
		WorkerTags tags = (configured != null) ? new WorkerTags(configured::perKeyTags) : WorkerTags.shared();
		return new SupervisorMetrics(supervisor, !timedByObservations, tags);
	}

}
