package dev.supervisor.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks that the database has Spring Integration's lock table ({@code INT_LOCK} by default),
 * so a missing table fails start-up with a report instead of an election that never succeeds.
 * <p>
 * On PostgreSQL it also warns when {@code idle_in_transaction_session_timeout} is off or not
 * below the lock's time-to-live: a replica paused inside its lock update then keeps the lock's
 * row locked, and no other replica can take over until it resumes.
 */
public final class JdbcLockTablePreflight implements ClusterPreflight {

	private static final Logger logger = LoggerFactory.getLogger(JdbcLockTablePreflight.class);

	private final DataSource dataSource;

	private final String table;

	private final Duration lockTtl;

	/**
	 * Create the check.
	 * @param dataSource the database of the locks
	 * @param prefix the table prefix of the lock repository, {@code INT_} by default
	 * @param lockTtl how long a lock lives without renewal ({@code supervisor.cluster.lock-ttl})
	 */
	public JdbcLockTablePreflight(DataSource dataSource, String prefix, Duration lockTtl) {
		this.dataSource = dataSource;
		this.table = prefix + "LOCK";
		this.lockTtl = lockTtl;
	}

	@Override
	public void check(List<String> singletons) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE 1 = 0", Integer.class);
		}
		catch (DataAccessException ex) {
			throw new ClusterSetupException("Cluster singletons " + singletons + " are elected with JDBC locks, but table "
					+ this.table + " cannot be read: " + ex.getMostSpecificCause().getMessage(),
					"Create Spring Integration's lock table in this database before the replicas start, with Flyway,"
							+ " Liquibase or the shipped script org/springframework/integration/jdbc/schema-<platform>.sql"
							+ " (for example schema-postgresql.sql); see docs/cluster.md",
					ex);
		}
		warnIfAPausedHolderCanBlockTakeover(jdbc, singletons);
	}

	private void warnIfAPausedHolderCanBlockTakeover(JdbcTemplate jdbc, List<String> singletons) {
		Map<String, Object> session;
		try {
			String product = jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
			if (!"PostgreSQL".equals(product)) {
				return;
			}
			// In milliseconds, as this session sees it: ALTER ROLE and ALTER DATABASE settings included.
			session = jdbc.queryForMap("SELECT current_user AS role, setting::bigint AS timeout FROM pg_settings"
					+ " WHERE name = 'idle_in_transaction_session_timeout'");
		}
		catch (DataAccessException ex) {
			// Only a warning depends on it: the election works without.
			logger.debug("Could not read idle_in_transaction_session_timeout", ex);
			return;
		}
		if (!(session.get("timeout") instanceof Number timeout)) {
			return;
		}
		long timeoutMillis = timeout.longValue();
		if (timeoutMillis > 0 && timeoutMillis < this.lockTtl.toMillis()) {
			return;
		}
		String current = (timeoutMillis == 0) ? "0 (off)" : timeoutMillis + "ms";
		logger.warn("Cluster singletons {} are elected with JDBC locks on PostgreSQL, where "
				+ "idle_in_transaction_session_timeout is {} for role '{}', not below supervisor.cluster.lock-ttl ({}): "
				+ "a replica paused inside its lock update keeps the {} row locked, and no other replica takes over "
				+ "until it resumes. Set it to about half of lock-ttl: ALTER ROLE \"{}\" SET "
				+ "idle_in_transaction_session_timeout = '{}ms'; see docs/cluster.md", singletons, current,
				session.get("role"), this.lockTtl.toMillis() + "ms", this.table, session.get("role"),
				Math.max(1, this.lockTtl.toMillis() / 2));
	}

}
