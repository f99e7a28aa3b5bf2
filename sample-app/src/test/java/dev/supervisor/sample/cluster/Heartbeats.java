package dev.supervisor.sample.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The singleton's heartbeat rows {@code (replica, run_start, beat)}, read back as one interval
 * per run: from its first beat to its last, in microseconds since the epoch.
 */
final class Heartbeats {

	static final String TABLE_DDL = "CREATE TABLE singleton_heartbeat (replica VARCHAR(64) NOT NULL,"
			+ " run_start BIGINT NOT NULL, beat BIGINT NOT NULL)";

	private final PostgresServer database;

	Heartbeats(PostgresServer database) {
		this.database = database;
	}

	void clear() throws SQLException {
		this.database.execute("DELETE FROM singleton_heartbeat");
	}

	long count(String replica) throws SQLException {
		try (Connection connection = this.database.connect();
				var statement = connection.prepareStatement("SELECT COUNT(*) FROM singleton_heartbeat WHERE replica = ?")) {
			statement.setString(1, replica);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/** The latest beat of any replica, or 0 if none. */
	long lastBeat(String replica) throws SQLException {
		try (Connection connection = this.database.connect();
				var statement = connection.prepareStatement("SELECT COALESCE(MAX(beat), 0) FROM singleton_heartbeat WHERE replica = ?")) {
			statement.setString(1, replica);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/** Every run's interval, ordered by its first beat. */
	List<Run> runs() throws SQLException {
		Map<String, Run> runs = new LinkedHashMap<>();
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
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
