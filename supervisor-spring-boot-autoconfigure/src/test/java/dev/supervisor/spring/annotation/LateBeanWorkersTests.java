package dev.supervisor.spring.annotation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.Scope;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerState;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Workers of beans created after start-up register when the bean is created and are removed
 * when it is destroyed; prototype beans with workers are refused at start-up.
 */
class LateBeanWorkersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withInitializer((context) -> context.getBeanFactory().registerScope("job", new JobScope()));

	@Test
	void aLazyBeanRegistersAndStartsItsWorkerWhenItIsCreated() {
		this.contextRunner.withUserConfiguration(LazyConfiguration.class).run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			assertThat(supervisor.contains("lazyJob.poll")).isFalse();
			context.getBean(Job.class);
			assertThat(supervisor.contains("lazyJob.poll")).isTrue();
			await().until(() -> supervisor.status("lazyJob.poll").state() == WorkerState.RUNNING);
		});
	}

	@Test
	void aScopedBeanRemovesItsWorkerWhenItIsDestroyed() {
		this.contextRunner.withUserConfiguration(ScopedConfiguration.class).run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			context.getBean("scopedJob");
			await().until(() -> supervisor.contains("scopedJob.poll")
					&& supervisor.status("scopedJob.poll").state() == WorkerState.RUNNING);
			context.getBeanFactory().destroyScopedBean("scopedJob");
			// Removal stops the worker; the name is free once its thread has ended.
			await().until(() -> !supervisor.contains("scopedJob.poll"));
			context.getBean("scopedJob");
			assertThat(supervisor.contains("scopedJob.poll")).isTrue();
		});
	}

	@Test
	void aPrototypeBeanWithAWorkerIsRefusedAtStartUp() {
		this.contextRunner.withUserConfiguration(PrototypeConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.isInstanceOf(InvalidWorkerDefinitionException.class)
				.hasMessageContaining("@Supervised bean 'prototypeJob' is prototype-scoped");
		});
	}

	@Test
	void aLazyBeanWhoseWorkerHasTheNameOfAProcessIsRefusedNamingBothDeclarations() {
		this.contextRunner.withUserConfiguration(LazyConfiguration.class)
			.withPropertyValues("supervisor.processes[lazyJob.poll].command=sh",
					"supervisor.processes[lazyJob.poll].auto-startup=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context.getBean(Job.class))
					.havingRootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.withMessageContaining("supervisor.processes[lazyJob.poll].command[0]")
					.withMessageContaining("declared by property 'supervisor.processes[lazyJob.poll]'")
					.withMessageContaining("the worker 'lazyJob.poll' declared by method 'Job.poll(WorkerContext)' of bean 'lazyJob'");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class LazyConfiguration {

		@Bean
		@Lazy
		Job lazyJob() {
			return new Job();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedConfiguration {

		@Bean
		@org.springframework.context.annotation.Scope("job")
		Job scopedJob() {
			return new Job();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeConfiguration {

		@Bean
		@org.springframework.context.annotation.Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		Job prototypeJob() {
			return new Job();
		}

	}

	static class Job {

		@Supervised
		void poll(WorkerContext context) {
			context.sleep(Duration.ofHours(1));
		}

	}

	/**
	 * A scope whose beans live until they are destroyed explicitly, as a request's do until the
	 * request ends.
	 */
	static class JobScope implements Scope {

		private final Map<String, Object> beans = new ConcurrentHashMap<>();

		@Override
		public Object get(String name, ObjectFactory<?> objectFactory) {
			return this.beans.computeIfAbsent(name, (key) -> objectFactory.getObject());
		}

		@Override
		public @Nullable Object remove(String name) {
			return this.beans.remove(name);
		}

		@Override
		public void registerDestructionCallback(String name, Runnable callback) {
		}

		@Override
		public @Nullable Object resolveContextualObject(String key) {
			return null;
		}

		@Override
		public @Nullable String getConversationId() {
			return null;
		}

	}

}
