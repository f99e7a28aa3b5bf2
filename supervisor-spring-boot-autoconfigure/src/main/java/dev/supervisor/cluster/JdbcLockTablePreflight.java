package dev.supervisor.cluster;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks that the database has Spring Integration's lock table ({@code INT_LOCK} by default),
 * so a missing table fails start-up with a report instead of an election that never succeeds.
 */
public final class JdbcLockTablePreflight implements ClusterPreflight {

	private final DataSource dataSource;

	private final String table;

	/**
	 * Create the check.
	 * @param dataSource the database of the locks
	 * @param prefix the table prefix of the lock repository, {@code INT_} by default
	 */
	public JdbcLockTablePreflight(DataSource dataSource, String prefix) {
		this.dataSource = dataSource;
		this.table = prefix + "LOCK";
	}

	@Override
	public void check(List<String> singletons) {
		try {
			new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE 1 = 0",
					Integer.class);
		}
		catch (DataAccessException ex) {
			throw new ClusterSetupException("Cluster singletons " + singletons + " are elected with JDBC locks, but table "
					+ this.table + " cannot be read: " + ex.getMostSpecificCause().getMessage(),
					"Create Spring Integration's lock table in this database before the replicas start, with Flyway,"
							+ " Liquibase or the shipped script org/springframework/integration/jdbc/schema-<platform>.sql"
							+ " (for example schema-postgresql.sql); see docs/cluster.md",
					ex);
		}
	}

}
