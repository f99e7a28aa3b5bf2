package dev.supervisor.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

import dev.supervisor.autoconfigure.SupervisorProperties.ClusterMode;
import dev.supervisor.cluster.ClusterPreflight;
import dev.supervisor.cluster.LocalSingletons;
import dev.supervisor.cluster.SingletonElections;
import dev.supervisor.core.Supervisor;

/**
 * Auto-configuration of cluster singletons: with a {@link LockRegistry} bean (the application's,
 * or the JDBC one of {@link SupervisorJdbcLockRegistryAutoConfiguration}) each singleton is
 * elected with Spring Integration's {@link LockRegistryLeaderInitiator}; without one, singletons
 * fail start-up, or run locally when {@code supervisor.cluster.mode=local}.
 */
@AutoConfiguration(after = { SupervisorAutoConfiguration.class, SupervisorJdbcLockRegistryAutoConfiguration.class })
@ConditionalOnBean(Supervisor.class)
public final class SupervisorClusterAutoConfiguration {

	/** Registered before the fallback below, which backs off when this one applies. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LockRegistryLeaderInitiator.class)
	@ConditionalOnSingleCandidate(LockRegistry.class)
	@ConditionalOnProperty(name = "supervisor.cluster.mode", havingValue = "lock-registry", matchIfMissing = true)
	static final class ElectionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SingletonElections supervisorSingletonElections(Supervisor supervisor, LockRegistry<?> lockRegistry,
				SupervisorProperties properties, ObjectProvider<ClusterPreflight> preflights) {
			SupervisorProperties.Cluster cluster = properties.cluster();
			return new SingletonElections(supervisor, lockRegistry, cluster.lockTtl(), cluster.fencingMargin(),
					preflights.orderedStream().toList());
		}

	}

	@Bean
	@ConditionalOnMissingBean(type = "dev.supervisor.cluster.SingletonElections")
	LocalSingletons supervisorLocalSingletons(Supervisor supervisor, SupervisorProperties properties) {
		return new LocalSingletons(supervisor, properties.cluster().mode() == ClusterMode.LOCAL);
	}

}
