package dev.supervisor.core.process;

import java.util.Set;

/**
 * A supervised process ended with an exit code outside its
 * {@link ProcessSpec#successExitCodes() success exit codes}, or was killed by a signal. Thrown
 * from {@link ProcessWorker#run}, it makes the run {@code FAILED}; its message is kept in the
 * worker's history.
 */
public class ProcessExitException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String processName;

	private final long pid;

	private final int exitCode;

	private final Integer signal;

	/**
	 * Create the exception for a process that ended.
	 * @param processName the process's name
	 * @param pid its process id
	 * @param exitCode the exit code as the JVM reports it ({@code 128 + n} after signal {@code n})
	 * @param signal the signal that killed it, or {@code null} if it exited by itself
	 * @param successExitCodes the codes that would have been a success
	 */
	public ProcessExitException(String processName, long pid, int exitCode, Integer signal,
			Set<Integer> successExitCodes) {
		super(message(processName, pid, exitCode, signal, successExitCodes));
		this.processName = processName;
		this.pid = pid;
		this.exitCode = exitCode;
		this.signal = signal;
	}

	private static String message(String processName, long pid, int exitCode, Integer signal,
			Set<Integer> successExitCodes) {
		String subject = "Process '" + processName + "' (pid " + pid + ")";
		if (signal != null) {
			return subject + " was killed by signal " + signal + " (" + Signals.name(signal) + ")";
		}
		return subject + " exited with code " + exitCode + " (success exit codes: " + successExitCodes + ")";
	}

	public String processName() {
		return this.processName;
	}

	public long pid() {
		return this.pid;
	}

	/**
	 * The exit code as the JVM reports it: {@code 128 + n} for a process killed by signal
	 * {@code n}.
	 * @return the exit code
	 */
	public int exitCode() {
		return this.exitCode;
	}

	/**
	 * The signal that killed the process.
	 * @return the signal number, or {@code null} if the process exited by itself
	 */
	public Integer signal() {
		return this.signal;
	}

}
