package dev.supervisor.spring.lifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorLifecycle}: workers start after refresh, stop before beans are
 * destroyed, and a non-daemon thread keeps the JVM alive in between.
 */
class SupervisorLifecycleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withUserConfiguration(LoopingWorkerConfiguration.class);

	@Test
	void startsWorkersOnceTheContextIsRefreshed() {
		this.contextRunner.run((context) -> {
			LoopingWorker worker = context.getBean(LoopingWorker.class);
			await().untilTrue(worker.running);
			assertThat(worker.contextWasRefreshedAtStart).isTrue();
			assertThat(context.getBean(Supervisor.class).status("looper").state()).isEqualTo(WorkerState.RUNNING);
		});
	}

	@Test
	void startsWorkersOnlyOnceListenersOfTheRefreshedEventBeforeItHaveRun() {
		this.contextRunner.withUserConfiguration(EarlyRefreshListenerConfiguration.class).run((context) -> {
			EarlyRefreshListener listener = context.getBean(EarlyRefreshListener.class);
			assertThat(listener.stateAtRefresh).isEqualTo(WorkerState.STOPPED);
			await().untilTrue(context.getBean(LoopingWorker.class).running);
		});
	}

	@Test
	void stopsWorkersBeforeSingletonsAreDestroyed() {
		this.contextRunner.run((context) -> {
			LoopingWorker worker = context.getBean(LoopingWorker.class);
			await().untilTrue(worker.running);
			context.close();
			assertThat(worker.stopRequested).isTrue();
			assertThat(worker.runningWhenDestroyed).isFalse();
		});
	}

	@Test
	void startsWorkersAgainWhenTheContextIsStoppedAndStartedAgain() {
		this.contextRunner.run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			LoopingWorker worker = context.getBean(LoopingWorker.class);
			await().untilTrue(worker.running);
			context.stop();
			assertThat(worker.running).isFalse();
			assertThat(supervisor.status("looper").state()).isEqualTo(WorkerState.STOPPED);
			context.start();
			await().untilTrue(worker.running);
			assertThat(supervisor.status("looper").state()).isEqualTo(WorkerState.RUNNING);
			assertThat(context.getBean(SupervisorLifecycle.class).isRunning()).isTrue();
		});
	}

	@Test
	void shutsAUserDefinedSupervisorDownWithItsOwnTimeout() {
		this.contextRunner.withUserConfiguration(StuckWorkerConfiguration.class, ShortTimeoutSupervisorConfiguration.class)
			.withPropertyValues("supervisor.shutdown-timeout=1h")
			.run((context) -> {
				StuckWorker worker = context.getBean(StuckWorker.class);
				await().untilTrue(worker.running);
				long begin = System.nanoTime();
				context.close();
				worker.release.set(true);
				// One hour would be supervisor.shutdown-timeout; the supervisor's own is 200ms.
				assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMinutes(5));
			});
	}

	@Test
	void runsInTheHighestPhase() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SupervisorLifecycle.class).getPhase())
			.isEqualTo(Integer.MAX_VALUE));
	}

	@Test
	void keepsANonDaemonThreadAliveWhileRunning() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		this.contextRunner.run((context) -> {
			Thread keepAlive = keepAliveThread(before).orElseThrow();
			assertThat(keepAlive.isDaemon()).isFalse();
			context.close();
			keepAlive.join(Duration.ofSeconds(10).toMillis());
			assertThat(keepAlive.isAlive()).isFalse();
			assertThat(keepAliveThread(before)).isEmpty();
		});
	}

	@Test
	void keepsNothingAliveWithoutWorkers() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
			.run((context) -> {
				assertThat(context.getBean(SupervisorLifecycle.class).isRunning()).isTrue();
				assertThat(keepAliveThread(before)).isEmpty();
			});
	}

	@Test
	void shutdownDoesNotWaitLongerThanTheTimeoutForAStuckWorker() {
		this.contextRunner.withUserConfiguration(StuckWorkerConfiguration.class)
			.withPropertyValues("supervisor.shutdown-timeout=200ms")
			.run((context) -> {
				StuckWorker stuck = context.getBean(StuckWorker.class);
				await().untilTrue(stuck.running);
				long begin = System.nanoTime();
				context.close();
				assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
				stuck.release.set(true);
			});
	}

	/** The keep-alive thread of this test's context: other contexts in the JVM have their own. */
	private static Optional<Thread> keepAliveThread(Set<Thread> existingBefore) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !existingBefore.contains(thread))
			.filter((thread) -> thread.getName().equals(SupervisorLifecycle.KEEP_ALIVE_THREAD_NAME) && thread.isAlive())
			.findFirst();
	}

	@Configuration(proxyBeanMethods = false)
	static class ShortTimeoutSupervisorConfiguration {

		@Bean
		Supervisor supervisor() {
			return Supervisor.builder().shutdownTimeout(Duration.ofMillis(200)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LoopingWorkerConfiguration {

		@Bean
		SingletonsReady singletonsReady() {
			return new SingletonsReady();
		}

		@Bean
		LoopingWorker looper(SingletonsReady singletonsReady) {
			return new LoopingWorker(singletonsReady);
		}

	}

	@Supervised
	static class LoopingWorker implements dev.supervisor.core.Worker, DisposableBean {

		private final SingletonsReady singletonsReady;

		final AtomicBoolean running = new AtomicBoolean();

		volatile boolean contextWasRefreshedAtStart;

		volatile boolean stopRequested;

		volatile boolean runningWhenDestroyed = true;

		LoopingWorker(SingletonsReady singletonsReady) {
			this.singletonsReady = singletonsReady;
		}

		@Override
		public void run(WorkerContext context) {
			this.contextWasRefreshedAtStart = this.singletonsReady.ready;
			this.running.set(true);
			try {
				while (!context.isStopRequested()) {
					context.sleep(Duration.ofHours(1));
				}
				this.stopRequested = true;
			}
			finally {
				this.running.set(false);
			}
		}

		@Override
		public void destroy() {
			this.runningWhenDestroyed = this.running.get();
		}

	}

	static class SingletonsReady implements SmartInitializingSingleton {

		volatile boolean ready;

		@Override
		public void afterSingletonsInstantiated() {
			this.ready = true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StuckWorkerConfiguration {

		@Bean
		StuckWorker stuck() {
			return new StuckWorker();
		}

	}

	@Supervised
	static class StuckWorker implements Runnable {

		final AtomicBoolean running = new AtomicBoolean();

		final AtomicBoolean release = new AtomicBoolean();

		@Override
		public void run() {
			this.running.set(true);
			while (!this.release.get()) {
				// Ignores interrupts on purpose, like code stuck in a library call.
				Thread.interrupted();
				LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyRefreshListenerConfiguration {

		@Bean
		EarlyRefreshListener earlyRefreshListener(Supervisor supervisor) {
			return new EarlyRefreshListener(supervisor);
		}

	}

	/**
	 * Runs first among the refreshed event's listeners, as Spring Boot's listener that connects
	 * tracing to the logging MDC does.
	 */
	static class EarlyRefreshListener
			implements ApplicationListener<ContextRefreshedEvent>,
			Ordered {

		private final Supervisor supervisor;

		volatile @Nullable WorkerState stateAtRefresh;

		EarlyRefreshListener(Supervisor supervisor) {
			this.supervisor = supervisor;
		}

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			this.stateAtRefresh = this.supervisor.status("looper").state();
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
