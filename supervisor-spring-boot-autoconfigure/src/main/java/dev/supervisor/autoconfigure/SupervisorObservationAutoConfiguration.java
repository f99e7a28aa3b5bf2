package dev.supervisor.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.supervisor.actuate.metrics.WorkerTags;
import dev.supervisor.core.Supervisor;
import dev.supervisor.observation.ObservationRunObserver;
import dev.supervisor.observation.WorkerRunObservationConvention;

/**
 * Auto-configuration that makes every run of every worker a Micrometer observation when an
 * {@link ObservationRegistry} bean exists; {@code supervisor.observations.enabled=false}
 * switches it off. A {@link WorkerRunObservationConvention} bean replaces the default
 * convention.
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class, before = SupervisorAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "supervisor.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "supervisor.observations.enabled", matchIfMissing = true)
public final class SupervisorObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservationRunObserver supervisorObservationRunObserver(ObservationRegistry registry,
			ObjectProvider<WorkerRunObservationConvention> convention, ObjectProvider<Supervisor> supervisor,
			ObjectProvider<SupervisorProperties> properties) {
		// The supervisor takes this observer, so it is looked up when a run starts, not now.
		SupervisorProperties configured = properties.getIfAvailable();
		WorkerTags tags = (configured != null) ? new WorkerTags(configured::perKeyTags) : WorkerTags.shared();
		return new ObservationRunObserver(registry, convention.getIfAvailable(),
				(spec) -> tags.tag(spec, supervisor.getObject().tableOf(spec.name())));
	}

}
