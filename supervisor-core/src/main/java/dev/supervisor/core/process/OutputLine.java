package dev.supervisor.core.process;

import java.time.Instant;
import java.util.Objects;

/**
 * One line a process wrote, without its line terminator.
 *
 * @param at when the line was read
 * @param stream the stream it was written to
 * @param text the text
 */
public record OutputLine(Instant at, StandardStream stream, String text) {

	public OutputLine {
		Objects.requireNonNull(at, "at must not be null");
		Objects.requireNonNull(stream, "stream must not be null");
		Objects.requireNonNull(text, "text must not be null");
	}

	@Override
	public String toString() {
		return this.at + " [" + this.stream.tagValue() + "] " + this.text;
	}

}
