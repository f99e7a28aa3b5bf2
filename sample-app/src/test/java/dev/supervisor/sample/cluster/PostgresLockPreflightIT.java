package dev.supervisor.sample.cluster;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.supervisor.cluster.JdbcLockTablePreflight;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC lock check on a real PostgreSQL: it warns when a replica paused inside its lock
 * update could hold the lock's row past the lock's time-to-live, and only then.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresLockPreflightIT {

	private static final String WARNING = "idle_in_transaction_session_timeout is ";

	private static PostgresServer server;

	@BeforeAll
	static void startServer() throws Exception {
		server = PostgresServer.start();
		server.execute(ClusterSingletonScenarios.intLockTableFromSpringIntegrationsScript());
		server.execute("CREATE ROLE app LOGIN");
		server.execute("GRANT SELECT ON INT_LOCK TO app");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void isSilentWhenTheServerEndsIdleTransactionsWithinTheLocksTimeToLive(CapturedOutput output) {
		// The server runs with 2s: below the 4s lock-ttl.
		check("postgres", Duration.ofSeconds(4));

		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void warnsWhenTheTimeoutIsNotBelowTheLocksTimeToLive(CapturedOutput output) {
		check("postgres", Duration.ofSeconds(2));

		assertThat(output).contains("Cluster singletons [poller] are elected with JDBC locks on PostgreSQL, where "
				+ "idle_in_transaction_session_timeout is 2000ms for role 'postgres', not below "
				+ "supervisor.cluster.lock-ttl (2000ms)")
			.contains("ALTER ROLE \"postgres\" SET idle_in_transaction_session_timeout = '1000ms'");
	}

	@Test
	void warnsWhenTheApplicationsRoleTurnedTheTimeoutOff(CapturedOutput output) throws Exception {
		server.execute("ALTER ROLE app SET idle_in_transaction_session_timeout = 0");

		check("app", Duration.ofSeconds(4));

		assertThat(output).contains("idle_in_transaction_session_timeout is 0 (off) for role 'app', not below "
				+ "supervisor.cluster.lock-ttl (4000ms): a replica paused inside its lock update keeps the INT_LOCK row "
				+ "locked, and no other replica takes over until it resumes");
	}

	private static void check(String role, Duration lockTtl) {
		DataSource dataSource = new DriverManagerDataSource(server.jdbcUrl(), role, "");
		new JdbcLockTablePreflight(dataSource, "INT_", lockTtl).check(List.of("poller"));
	}

}
