package dev.supervisor.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Reads one output stream of a process line by line until it ends, on a thread of its own so
 * that a process is never blocked on a full pipe. Each line goes to the process's logger
 * (stdout at INFO, stderr at WARN) and into its ring buffer.
 * <p>
 * Output is decoded as UTF-8, malformed bytes replaced. A line longer than
 * {@link #MAX_LINE_LENGTH} characters is split, so a process that never writes a line
 * terminator cannot grow memory without bound.
 */
final class OutputPump implements Runnable {

	/** The longest line kept in one piece, in characters. */
	static final int MAX_LINE_LENGTH = 8192;

	private final String name;

	private final InputStream input;

	private final StandardStream stream;

	private final RingBuffer<OutputLine> buffer;

	private final Logger logger;

	private final Clock clock;

	OutputPump(String name, InputStream input, StandardStream stream, RingBuffer<OutputLine> buffer, Logger logger,
			Clock clock) {
		this.name = name;
		this.input = input;
		this.stream = stream;
		this.buffer = buffer;
		this.logger = logger;
		this.clock = clock;
	}

	/**
	 * Start pumping on a new daemon thread named {@code supervisor-<name>-<stream>}.
	 * @return the thread
	 */
	Thread start() {
		Thread thread = new Thread(this, "supervisor-" + this.name + "-" + this.stream.tagValue());
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void run() {
		MDC.put("worker", this.name);
		try (Reader reader = new InputStreamReader(this.input, StandardCharsets.UTF_8)) {
			StringBuilder line = new StringBuilder();
			char[] chunk = new char[4096];
			int read;
			while ((read = reader.read(chunk)) != -1) {
				for (int i = 0; i < read; i++) {
					char c = chunk[i];
					if (c == '\n') {
						emit(line);
					}
					else {
						line.append(c);
						if (line.length() >= MAX_LINE_LENGTH) {
							emit(line);
						}
					}
				}
			}
			if (line.length() > 0) {
				emit(line);
			}
		}
		catch (IOException ex) {
			// The stream was closed under us: the process is gone.
			this.logger.debug("Stopped reading {} of process '{}': {}", this.stream.tagValue(), this.name,
					ex.getMessage());
		}
		finally {
			MDC.remove("worker");
		}
	}

	private void emit(StringBuilder line) {
		int length = line.length();
		if (length > 0 && line.charAt(length - 1) == '\r') {
			line.setLength(length - 1);
		}
		String text = line.toString();
		line.setLength(0);
		this.buffer.add(new OutputLine(this.clock.instant(), this.stream, text));
		if (this.stream == StandardStream.STDERR) {
			this.logger.warn("{}", text);
		}
		else {
			this.logger.info("{}", text);
		}
	}

}
