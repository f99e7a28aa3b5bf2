package dev.supervisor.spring.lifecycle;

import java.util.concurrent.CountDownLatch;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextRefreshedEvent;

import dev.supervisor.core.ShutdownResult;
import dev.supervisor.core.Supervisor;

/**
 * Starts the {@link Supervisor} once the application context is refreshed and shuts it down,
 * within the supervisor's shutdown timeout, before singletons are destroyed. The context may be
 * stopped and started again ({@code ConfigurableApplicationContext#stop()} then
 * {@code start()}): the supervisor starts again with its {@code autoStartup} workers.
 * <p>
 * Phase: {@link #PHASE}, the highest there is ({@link SmartLifecycle#DEFAULT_PHASE}), so workers
 * start after every other lifecycle component (web server, message listener containers) and
 * stop before them. Stopping is synchronous: it returns once every worker has stopped or the
 * timeout has passed, and is therefore not cut short by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 * <p>
 * Worker threads are daemon threads (virtual threads always are), so a worker that ignores a
 * stop request can never keep the JVM alive. To keep an application without a web server
 * running while its workers work, a non-daemon thread named {@value #KEEP_ALIVE_THREAD_NAME}
 * lives from {@link #start()} to {@link #stop()}.
 * <p>
 * On the context's first refresh the workers start when its {@link ContextRefreshedEvent} is
 * published rather than when the lifecycle processor calls {@link #start()} just before: Spring
 * Boot connects tracing to the logging MDC on that event, and a run that began earlier would
 * log its whole life without its trace id. A later {@link #start()} starts them at once.
 */
public final class SupervisorLifecycle
		implements SmartLifecycle, ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware, DisposableBean {

	/** The lifecycle phase: start last, stop first. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	/** The name of the thread that keeps the JVM alive while workers run. */
	public static final String KEEP_ALIVE_THREAD_NAME = "supervisor-keep-alive";

	private static final Log logger = LogFactory.getLog(SupervisorLifecycle.class);

	private final Supervisor supervisor;

	private final Object monitor = new Object();

	private @Nullable CountDownLatch keepAlive;

	private @Nullable ApplicationContext applicationContext;

	/** Guarded by {@link #monitor}: the context's refreshed event was published. */
	private boolean refreshed;

	/** Guarded by {@link #monitor}: the supervisor was started by this lifecycle and not yet shut down. */
	private boolean supervising;

	private volatile boolean running;

	/**
	 * Create a lifecycle that shuts the supervisor down with its own
	 * {@link Supervisor#shutdownTimeout() shutdown timeout}.
	 * @param supervisor the supervisor
	 */
	public SupervisorLifecycle(Supervisor supervisor) {
		this.supervisor = supervisor;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			// Before the first refreshed event, onApplicationEvent starts the workers.
			if (this.refreshed || this.applicationContext == null) {
				startSupervising();
			}
		}
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext() != this.applicationContext) {
			return;
		}
		synchronized (this.monitor) {
			this.refreshed = true;
			if (this.running && !this.supervising) {
				startSupervising();
			}
		}
	}

	private void startSupervising() {
		this.supervisor.start();
		this.supervising = true;
		// Only workers are worth keeping the JVM alive for: an application that merely has
		// the starter on its class path still ends when its own work is done.
		if (!this.supervisor.statuses().isEmpty()) {
			this.keepAlive = startKeepAliveThread();
		}
		else {
			logger.debug("No supervised workers; not keeping the application alive");
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (!this.running) {
				return;
			}
			try {
				if (this.supervising) {
					shutdown();
				}
			}
			finally {
				this.running = false;
				this.supervising = false;
				if (this.keepAlive != null) {
					this.keepAlive.countDown();
					this.keepAlive = null;
				}
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Shut the supervisor down if the context is destroyed without being stopped, for example
	 * when a later bean fails during refresh.
	 */
	@Override
	public void destroy() {
		stop();
	}

	private void shutdown() {
		ShutdownResult result = this.supervisor.shutdown();
		if (result.isClean()) {
			logger.debug("Supervisor stopped " + result.stopped() + " worker(s) in " + result.took());
		}
		else {
			logger.warn("Supervisor stopped " + result.stopped() + " worker(s); " + result.stuck()
					+ " did not stop within the shutdown timeout (" + this.supervisor.shutdownTimeout() + ")");
		}
	}

	private static CountDownLatch startKeepAliveThread() {
		CountDownLatch latch = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			while (latch.getCount() > 0) {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					// Only stop() ends the keep-alive.
				}
			}
		}, KEEP_ALIVE_THREAD_NAME);
		thread.setDaemon(false);
		thread.start();
		return latch;
	}

}
