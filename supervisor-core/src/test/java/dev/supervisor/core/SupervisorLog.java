package dev.supervisor.core;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Turns on the engine's logger, which the test configuration keeps off, and keeps what it
 * logs: a test of what a hostile exception does to logging must log for real. What it logs
 * goes to this appender only, not to the console.
 */
final class SupervisorLog implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger(Supervisor.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level previous = this.logger.getLevel();

	SupervisorLog() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setAdditive(false);
		this.logger.setLevel(Level.DEBUG);
	}

	List<String> messages() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		this.logger.setLevel(this.previous);
		this.logger.setAdditive(true);
		this.logger.detachAppender(this.appender);
	}

}
