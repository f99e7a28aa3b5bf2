package dev.supervisor.sample.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A throwaway Redis from the machine's Debian {@code redis-server} package, on a free port,
 * without persistence, stopped by {@link #close()}.
 * <p>
 * A machine without Redis fails the test with what to install; it never skips it.
 */
public final class RedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private RedisServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start a server and wait until it answers {@code PING}.
	 * @return the running server
	 */
	public static RedisServer start() throws IOException {
		String program = Servers.onPath("redis-server").orElseThrow(() -> new IllegalStateException(
				"redis-server not found on the PATH: install Debian's 'redis-server' package"
						+ " (apt-get install redis-server); .ci/run does this"));
		int port = FreePort.find();
		Path log = Files.createTempFile("supervisor-redis", ".log");
		Process process = new ProcessBuilder(program, "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		RedisServer server = new RedisServer(process, port, log);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-cleanup"));
		try {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("redis-server exited: " + Files.readString(log));
				}
				return server.ping();
			});
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	public int port() {
		return this.port;
	}

	boolean ping() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return "+PONG".equals(reply);
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
			Files.deleteIfExists(this.log);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// A leftover log file in the temporary directory is harmless.
		}
	}

}
