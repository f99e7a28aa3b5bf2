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
 * terminator cannot grow memory without bound. A split never separates a surrogate pair or a
 * {@code \r\n}, and the terminator of a split line ends it without adding an empty line.
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
			// Whether the last line was emitted because it was long, with nothing read since but
			// perhaps a carriage return: a line terminator now only ends that line.
			boolean afterSplit = false;
			int read;
			while ((read = reader.read(chunk)) != -1) {
				for (int i = 0; i < read; i++) {
					char c = chunk[i];
					if (c == '\n') {
						if (!(afterSplit && isBlankTerminator(line))) {
							emit(line);
						}
						line.setLength(0);
						afterSplit = false;
						continue;
					}
					line.append(c);
					afterSplit = afterSplit && c == '\r' && line.length() == 1;
					if (line.length() >= MAX_LINE_LENGTH) {
						split(line);
						afterSplit = true;
					}
				}
			}
			if (line.length() > 0 && !(afterSplit && isBlankTerminator(line))) {
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

	/**
	 * Emit a full-length line, keeping back a last character that must stay with the next one: a
	 * high surrogate (half of a character) or a carriage return (perhaps half of a terminator).
	 */
	private void split(StringBuilder line) {
		char last = line.charAt(line.length() - 1);
		if (Character.isHighSurrogate(last) || last == '\r') {
			line.setLength(line.length() - 1);
			emit(line);
			line.setLength(0);
			line.append(last);
		}
		else {
			emit(line);
			line.setLength(0);
		}
	}

	private static boolean isBlankTerminator(StringBuilder line) {
		return line.length() == 0 || (line.length() == 1 && line.charAt(0) == '\r');
	}

	private void emit(StringBuilder line) {
		int length = line.length();
		String text = (length > 0 && line.charAt(length - 1) == '\r') ? line.substring(0, length - 1)
				: line.toString();
		this.buffer.add(new OutputLine(this.clock.instant(), this.stream, text));
		if (this.stream == StandardStream.STDERR) {
			this.logger.warn("{}", text);
		}
		else {
			this.logger.info("{}", text);
		}
	}

}
