package dev.supervisor.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.jdbc.lock.LockRepository;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import dev.supervisor.cluster.JdbcLockTablePreflight;
import dev.supervisor.core.Supervisor;

/**
 * Auto-configuration of the lock registry that elects cluster singletons when the application
 * has {@code spring-integration-jdbc} and a {@link DataSource} but no {@link LockRegistry}: a
 * {@link JdbcLockRegistry} over a {@link DefaultLockRepository} whose locks live
 * {@code supervisor.cluster.lock-ttl} without renewal.
 * <p>
 * Nothing here touches the database while the application starts: the lock table
 * ({@code INT_LOCK}) is checked only when singletons are about to be elected, and it is the
 * user's to create (see the cluster documentation).
 */
@AutoConfiguration(after = SupervisorAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnClass({ JdbcLockRegistry.class, DataSource.class })
@ConditionalOnBean(Supervisor.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(LockRegistry.class)
@ConditionalOnProperty(name = "supervisor.cluster.mode", havingValue = "lock-registry", matchIfMissing = true)
public final class SupervisorJdbcLockRegistryAutoConfiguration {

	/**
	 * The lock repository. Its {@code close()} would delete this instance's rows even in an
	 * application without singletons; elections release their own locks instead.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean(LockRepository.class)
	DefaultLockRepository supervisorLockRepository(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		DefaultLockRepository repository = new DefaultLockRepository(dataSource);
		repository.setTransactionManager(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
		// The table is checked only when there are singletons to elect.
		repository.setCheckDatabaseOnStart(false);
		return repository;
	}

	@Bean
	JdbcLockRegistry supervisorLockRegistry(LockRepository repository, SupervisorProperties properties) {
		return new JdbcLockRegistry(repository, properties.cluster().lockTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcLockTablePreflight supervisorLockTablePreflight(DataSource dataSource, SupervisorProperties properties) {
		return new JdbcLockTablePreflight(dataSource, DefaultLockRepository.DEFAULT_TABLE_PREFIX,
				properties.cluster().lockTtl());
	}

}
