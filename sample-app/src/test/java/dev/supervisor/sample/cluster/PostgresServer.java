package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's Debian {@code postgresql} package: created
 * with {@code initdb} in a temporary directory, started with {@code pg_ctl} on a free port,
 * stopped and deleted by {@link #close()}. When the tests run as root, the server runs as the
 * {@code postgres} user ({@code runuser}), since PostgreSQL refuses to run as root.
 * <p>
 * A machine without PostgreSQL fails the test with what to install; it never skips it.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

	/**
	 * How long a session may sit in an open transaction: half the tests' lock time-to-live, so a
	 * paused holder's lock update is rolled back before its lock expires.
	 */
	static final String IDLE_IN_TRANSACTION_TIMEOUT = "2s";

	private final Path bin;

	private final Path directory;

	private final int port;

	private PostgresServer(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Create and start a cluster, and wait until it accepts connections.
	 * @return the running server
	 */
	public static PostgresServer start() throws IOException, InterruptedException {
		Path bin = findBinaries();
		Path directory = Files.createTempDirectory("supervisor-postgres");
		Servers.chownToPostgres(directory);
		PostgresServer server = new PostgresServer(bin, directory, FreePort.find());
		try {
			server.run("initdb", "-D", server.data().toString(), "-A", "trust", "-U", "postgres", "--no-sync",
					"-E", "UTF8");
			// A replica paused inside its lock update keeps its INT_LOCK row locked, and every other
			// replica's attempt waits for it: PostgreSQL must end such a session well within the
			// lock's time-to-live, as docs/cluster.md asks of a production database.
			server.run("pg_ctl", "-D", server.data().toString(), "-l", directory.resolve("server.log").toString(),
					"-w", "-t", "60", "-o", "-p " + server.port + " -k " + directory
							+ " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
							+ " -c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_TIMEOUT,
					"start");
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-cleanup"));
			return server;
		}
		catch (IOException | RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/** The JDBC URL of the {@code postgres} database, user {@code postgres}, no password. */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	public String username() {
		return "postgres";
	}

	public int port() {
		return this.port;
	}

	/**
	 * A new connection to the {@code postgres} database.
	 * @return the connection
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username(), "");
	}

	/**
	 * Run SQL statements, such as a schema script, in one connection.
	 * @param sql statements separated by semicolons
	 */
	public void execute(String sql) throws SQLException {
		try (Connection connection = connect(); var statement = connection.createStatement()) {
			for (String part : sql.split(";")) {
				String trimmed = part.strip();
				if (!trimmed.isEmpty()) {
					statement.execute(trimmed);
				}
			}
		}
	}

	/** Stop the server at once and delete its files. */
	@Override
	public void close() {
		if (Files.isDirectory(data())) {
			try {
				run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "-t", "30", "stop");
			}
			catch (IOException | RuntimeException | InterruptedException ex) {
				// Already stopped, or never started: nothing left to stop.
			}
		}
		Servers.deleteRecursively(this.directory);
	}

	private Path data() {
		return this.directory.resolve("data");
	}

	private void run(String program, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(Servers.asPostgresUser());
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile("supervisor-postgres", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(program + " did not finish within 120s: " + Files.readString(output));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(program + " failed with exit code " + process.exitValue() + ": "
						+ Files.readString(output) + serverLog());
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private String serverLog() {
		Path log = this.directory.resolve("server.log");
		try {
			return Files.exists(log) ? System.lineSeparator() + "server log:" + System.lineSeparator() + Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static Path findBinaries() {
		try (Stream<Path> versions = Files.list(VERSIONS)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing((bin) -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
				.orElseThrow(() -> missing());
		}
		catch (IOException ex) {
			throw missing();
		}
	}

	private static IllegalStateException missing() {
		return new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found under " + VERSIONS
				+ ": install Debian's 'postgresql' package (apt-get install postgresql); .ci/run does this");
	}

}
