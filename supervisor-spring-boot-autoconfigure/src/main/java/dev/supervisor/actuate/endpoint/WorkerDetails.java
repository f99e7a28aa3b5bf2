package dev.supervisor.actuate.endpoint;

import java.time.Instant;
import java.util.List;

import dev.supervisor.core.process.OutputLine;
import dev.supervisor.core.process.ProcessSnapshot;

/**
 * What kind of worker a status belongs to, and the details only an OS process has.
 *
 * @param type {@code worker} for code running in the application, {@code process} for an
 * external OS process
 * @param pid the process id of the current or last process, or {@code null}
 * @param exitCode the exit code of the last process, or {@code null}
 * @param signal the number of the signal that killed the last process, or {@code null}
 * @param output the most recent lines the process wrote, oldest first, or {@code null}
 * @see WorkerDetailsResolver
 */
public record WorkerDetails(String type, Long pid, Integer exitCode, Integer signal, List<Line> output) {

	/** The details of a worker that runs in the application. */
	public static final WorkerDetails WORKER = new WorkerDetails("worker", null, null, null, null);

	public WorkerDetails {
		output = (output != null) ? List.copyOf(output) : null;
	}

	/**
	 * The details of an OS process.
	 * @param snapshot the process's snapshot
	 * @return the details
	 */
	public static WorkerDetails process(ProcessSnapshot snapshot) {
		return new WorkerDetails("process", snapshot.pid(), snapshot.exitCode(), snapshot.signal(),
				snapshot.output().stream().map(Line::new).toList());
	}

	/**
	 * One line of a process's output.
	 *
	 * @param at when it was read
	 * @param stream {@code stdout} or {@code stderr}
	 * @param text the line, without its line break
	 */
	public record Line(Instant at, String stream, String text) {

		Line(OutputLine line) {
			this(line.at(), line.stream().tagValue(), line.text());
		}

	}

}
