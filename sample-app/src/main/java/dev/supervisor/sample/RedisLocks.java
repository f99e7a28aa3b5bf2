package dev.supervisor.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;

import dev.supervisor.autoconfigure.SupervisorProperties;

/**
 * Profile {@code redis}: singletons are elected with Redis locks instead of the database's. Any
 * {@code LockRegistry} bean replaces the JDBC one; its locks must live
 * {@code supervisor.cluster.lock-ttl}, as the JDBC ones do.
 */
@Configuration(proxyBeanMethods = false)
@Profile("redis")
class RedisLocks {

	@Bean
	RedisLockRegistry lockRegistry(RedisConnectionFactory connectionFactory, SupervisorProperties properties) {
		return new RedisLockRegistry(connectionFactory, "supervisor-locks", properties.cluster().lockTtl().toMillis());
	}

}
