package dev.supervisor.autoconfigure.endpoint;

import java.util.List;

/**
 * What kind of worker a status belongs to, and the details only an OS process has.
 *
 * @param type {@code worker} for code running in the application, {@code process} for an
 * external OS process
 * @param pid the process id of the current or last process, or {@code null}
 * @param exitCode the exit code of the last process, or {@code null}
 * @param output the most recent lines the process wrote, oldest first, or {@code null}
 * @see WorkerDetailsResolver
 */
public record WorkerDetails(String type, Long pid, Integer exitCode, List<String> output) {

	/** The details of a worker that runs in the application. */
	public static final WorkerDetails WORKER = new WorkerDetails("worker", null, null, null);

	public WorkerDetails {
		output = (output != null) ? List.copyOf(output) : null;
	}

	/**
	 * The details of an OS process.
	 * @param pid the process id, or {@code null} if it never started
	 * @param exitCode the last exit code, or {@code null} if none yet
	 * @param output recent lines of output, oldest first
	 * @return the details
	 */
	public static WorkerDetails process(Long pid, Integer exitCode, List<String> output) {
		return new WorkerDetails("process", pid, exitCode, output);
	}

}
