package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Scheduler;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerThreads;
import dev.supervisor.core.event.SupervisorEvent;
import dev.supervisor.core.event.WorkerStartedEvent;
import dev.supervisor.spring.SupervisorCustomizer;
import dev.supervisor.spring.lifecycle.SupervisorLifecycle;
import dev.supervisor.spring.registration.WorkerRegistrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorAutoConfiguration}: which beans exist, backing off, and threads.
 */
class SupervisorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class));

	@Test
	void definesSupervisorAndItsCollaborators() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Supervisor.class)
				.hasSingleBean(SupervisorProperties.class)
				.hasSingleBean(SupervisorLifecycle.class)
				.hasSingleBean(WorkerRegistrar.class)
				.hasSingleBean(Scheduler.class)
				.hasBean(SupervisorAutoConfiguration.THREAD_FACTORY_BEAN_NAME);
			assertThat(context.getBean(Supervisor.class).isRunning()).isTrue();
		});
	}

	@Test
	void usesShutdownTimeoutProperty() {
		this.contextRunner.withPropertyValues("supervisor.shutdown-timeout=7s")
			.run((context) -> assertThat(context.getBean(Supervisor.class).shutdownTimeout())
				.isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void registersNothingAndStartsNoThreadWhenDisabled() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		this.contextRunner.withPropertyValues("supervisor.enabled=false")
			.withUserConfiguration(RecordingWorkerConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(Supervisor.class)
					.doesNotHaveBean(SupervisorProperties.class)
					.doesNotHaveBean(SupervisorLifecycle.class)
					.doesNotHaveBean(WorkerRegistrar.class)
					.doesNotHaveBean(SupervisorAutoConfiguration.THREAD_FACTORY_BEAN_NAME);
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> worker.thread.get() == null);
				assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> !before.contains(thread))
					.extracting(Thread::getName)
					.doesNotContain("supervisor-recorder", SupervisorLifecycle.KEEP_ALIVE_THREAD_NAME);
			});
	}

	@Test
	void failsOnAKeyThatMatchesNoProperty() {
		this.contextRunner.withPropertyValues("supervisor.shutdown-timout=5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnboundConfigurationPropertiesException.class)
				.hasMessageContaining("supervisor.shutdown-timout");
		});
	}

	@Test
	void ignoresEnvironmentVariablesThatOtherToolsSet() {
		// supervisord, for one, starts its programs with such variables.
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("tool-systemEnvironment",
						Map.of("SUPERVISOR_PROCESS_NAME", "app", "SUPERVISOR_GROUP_NAME", "app"))))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void backsOffWhenUserDefinesSupervisor() {
		this.contextRunner.withUserConfiguration(UserSupervisorConfiguration.class, RecordingWorkerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(Supervisor.class);
				Supervisor supervisor = context.getBean(Supervisor.class);
				assertThat(supervisor).isSameAs(context.getBean("userSupervisor"));
				assertThat(supervisor.contains("recorder")).isTrue();
				assertThat(supervisor.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void appliesCustomizersInOrderAfterTheProperties() {
		this.contextRunner.withPropertyValues("supervisor.shutdown-timeout=7s")
			.withUserConfiguration(CustomizerConfiguration.class, RecordingWorkerConfiguration.class)
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				assertThat(supervisor.shutdownTimeout()).isEqualTo(Duration.ofSeconds(9));
				List<SupervisorEvent> events = context.getBean(CustomizerConfiguration.class).events;
				await().until(() -> events.stream().anyMatch(WorkerStartedEvent.class::isInstance));
			});
	}

	@Test
	void aCustomizerKeepsPropertyBinding() {
		this.contextRunner.withPropertyValues("supervisor.shutdown-timeout=7s")
			.withBean(SupervisorCustomizer.class, () -> (builder) -> builder.listener((event) -> {
			}))
			.run((context) -> assertThat(context.getBean(Supervisor.class).shutdownTimeout())
				.isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void backsOffWhenUserDefinesScheduler() {
		this.contextRunner.withUserConfiguration(UserSchedulerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Scheduler.class);
			assertThat(context.getBean(Scheduler.class)).isSameAs(context.getBean("userScheduler"));
		});
	}

	@Test
	void backsOffWhenUserDefinesSupervisorThreadFactory() {
		this.contextRunner.withUserConfiguration(UserThreadFactoryConfiguration.class, RecordingWorkerConfiguration.class)
			.run((context) -> {
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().until(() -> worker.thread.get() != null);
				assertThat(worker.thread.get().getThreadGroup().getName()).isEqualTo("user-workers");
			});
	}

	@Test
	void ignoresOtherThreadFactoryBeans() {
		this.contextRunner.withUserConfiguration(OtherThreadFactoryConfiguration.class, RecordingWorkerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean(SupervisorAutoConfiguration.THREAD_FACTORY_BEAN_NAME);
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().until(() -> worker.thread.get() != null);
				assertThat(worker.thread.get().getThreadGroup().getName()).isNotEqualTo("other");
			});
	}

	@Test
	void runsWorkersOnDaemonPlatformThreadsByDefault() {
		this.contextRunner.withUserConfiguration(RecordingWorkerConfiguration.class).run((context) -> {
			RecordingWorker worker = context.getBean(RecordingWorker.class);
			await().until(() -> worker.thread.get() != null);
			assertThat(worker.thread.get().isDaemon()).isTrue();
			assertThat(isVirtual(worker.thread.get())).isFalse();
			assertThat(worker.thread.get().getName()).isEqualTo("supervisor-recorder");
		});
	}

	@Test
	void platformSettingIgnoresVirtualThreadsProperty() {
		this.contextRunner.withUserConfiguration(RecordingWorkerConfiguration.class)
			.withPropertyValues("supervisor.threads=platform", "spring.threads.virtual.enabled=true")
			.run((context) -> {
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().until(() -> worker.thread.get() != null);
				assertThat(isVirtual(worker.thread.get())).isFalse();
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void autoFollowsVirtualThreadsPropertyOnJava21AndLater() {
		this.contextRunner.withUserConfiguration(RecordingWorkerConfiguration.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().until(() -> worker.thread.get() != null);
				assertThat(isVirtual(worker.thread.get())).isTrue();
				assertThat(worker.thread.get().isDaemon()).isTrue();
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualSettingUsesVirtualThreadsOnJava21AndLater() {
		this.contextRunner.withUserConfiguration(RecordingWorkerConfiguration.class)
			.withPropertyValues("supervisor.threads=virtual")
			.run((context) -> {
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().until(() -> worker.thread.get() != null);
				assertThat(isVirtual(worker.thread.get())).isTrue();
			});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualSettingFailsStartupBeforeJava21() {
		this.contextRunner.withPropertyValues("supervisor.threads=virtual").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.threads")
				.hasMessageContaining("Virtual threads need Java 21 or later");
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void autoUsesPlatformThreadsBeforeJava21EvenWhenVirtualThreadsAreEnabled() {
		this.contextRunner.withUserConfiguration(RecordingWorkerConfiguration.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				RecordingWorker worker = context.getBean(RecordingWorker.class);
				await().until(() -> worker.thread.get() != null);
				assertThat(worker.thread.get().isDaemon()).isTrue();
			});
	}

	static boolean isVirtual(Thread thread) throws Exception {
		if (!WorkerThreads.virtualThreadsAvailable()) {
			return false;
		}
		return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingWorkerConfiguration {

		@Bean
		RecordingWorker recorder() {
			return new RecordingWorker();
		}

	}

	@Supervised
	static class RecordingWorker implements dev.supervisor.core.Worker {

		final AtomicReference<Thread> thread = new AtomicReference<>();

		@Override
		public void run(WorkerContext context) {
			this.thread.set(Thread.currentThread());
			context.sleep(Duration.ofHours(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSupervisorConfiguration {

		@Bean
		Supervisor userSupervisor() {
			return Supervisor.builder().shutdownTimeout(Duration.ofSeconds(3)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		SupervisorCustomizer laterTimeout() {
			return (builder) -> builder.shutdownTimeout(Duration.ofSeconds(9));
		}

		@Bean
		@Order(1)
		SupervisorCustomizer earlierTimeoutAndListener() {
			return (builder) -> builder.shutdownTimeout(Duration.ofSeconds(8)).listener(this.events::add);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSchedulerConfiguration {

		@Bean
		Scheduler userScheduler() {
			return Scheduler.system();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserThreadFactoryConfiguration {

		@Bean
		ThreadFactory supervisorThreadFactory() {
			ThreadGroup group = new ThreadGroup("user-workers");
			return (task) -> {
				Thread thread = new Thread(group, task);
				thread.setDaemon(true);
				return thread;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherThreadFactoryConfiguration {

		@Bean
		ThreadFactory otherThreadFactory() {
			ThreadGroup group = new ThreadGroup("other");
			return (task) -> new Thread(group, task);
		}

	}

}
