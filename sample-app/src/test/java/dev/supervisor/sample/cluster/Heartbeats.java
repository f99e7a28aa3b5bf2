package dev.supervisor.sample.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The singleton's heartbeat rows {@code (replica, run_start, beat)}, read back as one interval
 * per run: from its first beat to its last, in microseconds since the epoch.
 * <p>
 * A failover series polls these rows every few milliseconds for minutes: the reads share one
 * connection (PostgreSQL starts a process per connection) and ask only for what they need.
 */
final class Heartbeats implements AutoCloseable {

	static final String TABLE_DDL = "CREATE TABLE singleton_heartbeat (replica VARCHAR(64) NOT NULL,"
			+ " run_start BIGINT NOT NULL, beat BIGINT NOT NULL)";

	private final PostgresServer database;

	/** Opened on first use; guarded by this. */
	private Connection connection;

	Heartbeats(PostgresServer database) {
		this.database = database;
	}

	void clear() throws SQLException {
		this.database.execute("DELETE FROM singleton_heartbeat");
	}

	long count(String replica) throws SQLException {
		return queryLong("SELECT COUNT(*) FROM singleton_heartbeat WHERE replica = ?", replica);
	}

	/** How many rows of a replica have a beat later than {@code after}, microseconds since the epoch. */
	synchronized long countLaterThan(String replica, long after) throws SQLException {
		try (PreparedStatement statement = connection()
			.prepareStatement("SELECT COUNT(*) FROM singleton_heartbeat WHERE replica = ? AND beat > ?")) {
			statement.setString(1, replica);
			statement.setLong(2, after);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/** The latest beat of any replica, or 0 if none. */
	synchronized long lastBeatOfAny() throws SQLException {
		try (PreparedStatement statement = connection()
			.prepareStatement("SELECT COALESCE(MAX(beat), 0) FROM singleton_heartbeat");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	/** The latest beat of a replica, or 0 if none. */
	long lastBeat(String replica) throws SQLException {
		return queryLong("SELECT COALESCE(MAX(beat), 0) FROM singleton_heartbeat WHERE replica = ?", replica);
	}

	/**
	 * The earliest run of another replica than {@code replica} that began at or after
	 * {@code after}, if any.
	 * @param replica the replica whose runs are left out
	 * @param after microseconds since the epoch
	 * @return that run, with its first and last beat so far
	 */
	synchronized Optional<Run> firstRunOfAnotherSince(String replica, long after) throws SQLException {
		String sql = "SELECT replica, MIN(beat), MAX(beat) FROM singleton_heartbeat WHERE replica <> ?"
				+ " GROUP BY replica, run_start HAVING MIN(beat) >= ? ORDER BY MIN(beat) LIMIT 1";
		try (PreparedStatement statement = connection().prepareStatement(sql)) {
			statement.setString(1, replica);
			statement.setLong(2, after);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.of(new Run(result.getString(1), result.getLong(2), result.getLong(3)))
						: Optional.empty();
			}
		}
	}

	/** Every run's interval, ordered by its first beat. */
	synchronized List<Run> runs() throws SQLException {
		Map<String, Run> runs = new LinkedHashMap<>();
		try (Statement statement = connection().createStatement();
				ResultSet result = statement.executeQuery("SELECT replica, run_start, beat FROM singleton_heartbeat")) {
			while (result.next()) {
				String replica = result.getString(1);
				long runStart = result.getLong(2);
				long beat = result.getLong(3);
				runs.merge(replica + "@" + runStart, new Run(replica, beat, beat),
						(a, b) -> new Run(a.replica(), Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
			}
		}
		List<Run> sorted = new ArrayList<>(runs.values());
		sorted.sort(Comparator.comparingLong(Run::first));
		return sorted;
	}

	private synchronized long queryLong(String sql, String replica) throws SQLException {
		try (PreparedStatement statement = connection().prepareStatement(sql)) {
			statement.setString(1, replica);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private Connection connection() throws SQLException {
		if (this.connection == null || this.connection.isClosed()) {
			this.connection = this.database.connect();
		}
		return this.connection;
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// The server is about to stop anyway.
			}
			this.connection = null;
		}
	}

	/**
	 * One run of the singleton on one replica.
	 *
	 * @param replica the replica
	 * @param first its first beat, microseconds since the epoch
	 * @param last its last beat
	 */
	record Run(String replica, long first, long last) {

	}

}
