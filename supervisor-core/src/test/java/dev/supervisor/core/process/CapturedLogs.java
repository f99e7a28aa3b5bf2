package dev.supervisor.core.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Every log line of a test, at every level, with the messages of logged exceptions and their
 * causes, so a test can prove what never reaches the logs.
 */
final class CapturedLogs implements AutoCloseable {

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	/** The loggers whose level the test configuration sets, with that level, to restore. */
	private final Map<Logger, Level> levels = new LinkedHashMap<>();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private CapturedLogs() {
		for (Logger logger : this.context.getLoggerList()) {
			if (logger.getLevel() != null) {
				this.levels.put(logger, logger.getLevel());
				logger.setLevel(Level.DEBUG);
			}
		}
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	static CapturedLogs all() {
		return new CapturedLogs();
	}

	List<String> atInfoOrAbove() {
		return lines(Level.INFO, Level.ERROR);
	}

	List<String> atDebug() {
		return lines(Level.DEBUG, Level.DEBUG);
	}

	private List<String> lines(Level lowest, Level highest) {
		return List.copyOf(this.appender.list)
			.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(lowest) && highest.isGreaterOrEqual(event.getLevel()))
			.map(CapturedLogs::text)
			.toList();
	}

	private static String text(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
			text.append(" | ").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.levels.forEach(Logger::setLevel);
	}

}
