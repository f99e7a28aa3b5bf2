package dev.supervisor.core.process;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of a supervised process: its current or last run and its recent
 * output. It holds no environment values and no reference to the process itself, so it can be
 * shown as it is.
 *
 * @param name the process's name
 * @param pid the process id of the current or last run, or {@code null} if no process was
 * started yet (or the last start failed)
 * @param alive whether that process is running now
 * @param startedAt when that process started, or {@code null}
 * @param endedAt when that process ended, or {@code null} while it runs
 * @param exitCode its exit code as the JVM reports it ({@code 128 + n} after signal {@code n}),
 * or {@code null} while it runs
 * @param signal the signal that killed it, or {@code null} if it exited by itself or runs
 * @param output recent lines of both streams, oldest first, across runs, bounded by
 * {@link ProcessSpec#outputLines()}
 */
public record ProcessSnapshot(String name, Long pid, boolean alive, Instant startedAt, Instant endedAt,
		Integer exitCode, Integer signal, List<OutputLine> output) {

	public ProcessSnapshot {
		output = List.copyOf(output);
	}

	/**
	 * The name of {@link #signal()}, such as {@code SIGKILL}.
	 * @return the name, or {@code null} if no signal killed the process
	 */
	public String signalName() {
		return (this.signal != null) ? Signals.name(this.signal) : null;
	}

	@Override
	public String toString() {
		StringBuilder description = new StringBuilder("Process '").append(this.name).append("'");
		if (this.pid == null) {
			description.append(" not started");
		}
		else {
			description.append(" (pid ").append(this.pid).append(")");
			if (this.alive || this.exitCode == null) {
				description.append(" running since ").append(this.startedAt);
			}
			else if (this.signal != null) {
				description.append(" killed by ").append(signalName()).append(" at ").append(this.endedAt);
			}
			else {
				description.append(" exited with code ").append(this.exitCode).append(" at ").append(this.endedAt);
			}
		}
		return description.append(", ").append(this.output.size()).append(" output lines").toString();
	}

}
