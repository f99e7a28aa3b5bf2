package dev.supervisor.spring.escalation;

/**
 * The last step of a shutdown escalation: ending the JVM with an exit code, after the
 * application context is closed. Define a bean of this type to replace {@link System#exit}.
 */
@FunctionalInterface
public interface JvmExit {

	/**
	 * End the JVM.
	 * @param status the exit code, never zero
	 */
	void exit(int status);

	/**
	 * The real thing: {@link System#exit(int)}.
	 * @return the exit
	 */
	static JvmExit system() {
		return System::exit;
	}

}
