package dev.supervisor.spring.escalation;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

import dev.supervisor.core.Escalation;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.core.event.GroupFatalEvent;
import dev.supervisor.core.event.RestartLimitBreachedEvent;
import dev.supervisor.core.event.SupervisorEvent;

/**
 * Carries out {@link Escalation#SHUTDOWN}: when a worker with that escalation breaches its
 * restart limit, or a group with it is given up, closes the application context through
 * {@link SpringApplication#exit(ApplicationContext, ExitCodeGenerator...)} and ends the JVM with
 * the resulting non-zero exit code, so that an orchestrator restarts the whole instance.
 * <p>
 * The work happens on a new non-daemon thread named {@value #THREAD_NAME}, never on the worker's
 * thread, because closing the context waits for every worker thread to end. Only the first
 * breach acts; later ones are already covered.
 */
public final class ShutdownEscalationListener implements SupervisorListener {

	/** The exit code used unless an {@link ExitCodeGenerator} bean gives another non-zero one. */
	public static final int EXIT_CODE = 1;

	/** The name of the thread that closes the application. */
	public static final String THREAD_NAME = "supervisor-escalation";

	private static final Log logger = LogFactory.getLog(ShutdownEscalationListener.class);

	private final ApplicationContext context;

	private final JvmExit jvmExit;

	private final AtomicBoolean triggered = new AtomicBoolean();

	public ShutdownEscalationListener(ApplicationContext context, JvmExit jvmExit) {
		this.context = context;
		this.jvmExit = jvmExit;
	}

	@Override
	public void onEvent(SupervisorEvent event) {
		Escalation escalation = (event instanceof RestartLimitBreachedEvent breach) ? breach.escalation()
				: (event instanceof GroupFatalEvent fatal) ? fatal.escalation() : Escalation.NONE;
		if (escalation == Escalation.SHUTDOWN && this.triggered.compareAndSet(false, true)) {
			logger.error(event + ": shutting the application down with a non-zero exit code");
			Thread thread = new Thread(() -> exit(event), THREAD_NAME);
			thread.setDaemon(false);
			thread.start();
		}
	}

	private void exit(SupervisorEvent breach) {
		int status = SpringApplication.exit(this.context, () -> EXIT_CODE);
		if (status == 0) {
			status = EXIT_CODE;
		}
		String who = (breach instanceof GroupFatalEvent) ? "group '" + breach.worker() + "' was given up"
				: "worker '" + breach.worker() + "' breached its restart limit";
		logger.error("Application closed because " + who + "; exiting with code " + status);
		this.jvmExit.exit(status);
	}

}
