package dev.supervisor.autoconfigure;

import java.util.concurrent.ThreadFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.supervisor.core.RunObserver;
import dev.supervisor.core.Scheduler;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.SupervisorListener;
import dev.supervisor.spring.SupervisorCustomizer;
import dev.supervisor.spring.annotation.SupervisedAnnotationBeanPostProcessor;
import dev.supervisor.spring.annotation.SupervisedLazyInitializationExcludeFilter;
import dev.supervisor.spring.escalation.JvmExit;
import dev.supervisor.spring.escalation.ShutdownEscalationListener;
import dev.supervisor.spring.event.SupervisorApplicationEventPublisher;
import dev.supervisor.spring.lifecycle.SupervisorLifecycle;
import dev.supervisor.spring.lifecycle.WorkerThreadFactories;
import dev.supervisor.spring.registration.WorkerDefinitionSource;
import dev.supervisor.spring.registration.WorkerRegistrar;
import dev.supervisor.spring.registration.WorkerSpecFactory;

/**
 * Auto-configuration for supervised workers: finds {@code @Supervised} beans and methods,
 * registers them with a {@link Supervisor}, and runs it with the application's lifecycle.
 * <p>
 * {@link SupervisorCustomizer} beans change the supervisor's builder after the properties. A
 * user-defined {@link Supervisor}, {@link Scheduler} or {@link ThreadFactory} bean named
 * {@value #THREAD_FACTORY_BEAN_NAME} replaces the one defined here; a user-defined supervisor
 * is shut down with its own shutdown timeout. Every {@link RunObserver} bean wraps the runs of
 * the supervisor defined here, in their order.
 * <p>
 * A key under {@code supervisor} that matches no property of {@link SupervisorProperties} fails
 * start-up with Spring Boot's report, as {@code ignoreUnknownFields = false} would make it,
 * except for environment variables: tools such as supervisord give the processes they start
 * {@code SUPERVISOR_*} variables of their own, which must not stop the application.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "supervisor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SupervisorProperties.class)
@ImportRuntimeHints(WorkerSettingsRuntimeHints.class)
public final class SupervisorAutoConfiguration {

	/** The name of the worker thread factory bean. */
	public static final String THREAD_FACTORY_BEAN_NAME = "supervisorThreadFactory";

	SupervisorAutoConfiguration(Environment environment) {
		new Binder(ConfigurationPropertySources.get(environment))
			.bind("supervisor", Bindable.of(SupervisorProperties.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
							(source) -> !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)))
			.ifBound((properties) -> properties.cluster().validate());
	}

	@Bean
	@ConditionalOnMissingBean
	static SupervisedAnnotationBeanPostProcessor supervisedAnnotationBeanPostProcessor() {
		return new SupervisedAnnotationBeanPostProcessor();
	}

	@Bean
	static SupervisedLazyInitializationExcludeFilter supervisedLazyInitializationExcludeFilter() {
		return new SupervisedLazyInitializationExcludeFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	Scheduler supervisorScheduler() {
		return Scheduler.system();
	}

	@Bean(name = THREAD_FACTORY_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = THREAD_FACTORY_BEAN_NAME)
	ThreadFactory supervisorThreadFactory(SupervisorProperties properties, Environment environment) {
		return WorkerThreadFactories.forThreads(properties.threads(), environment);
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	Supervisor supervisor(SupervisorProperties properties, Scheduler scheduler,
			@Qualifier(THREAD_FACTORY_BEAN_NAME) ThreadFactory threadFactory, ObjectProvider<RunObserver> runObservers,
			ObjectProvider<SupervisorCustomizer> customizers) {
		Supervisor.Builder builder = Supervisor.builder().scheduler(scheduler).threadFactory(threadFactory);
		try {
			builder.shutdownTimeout(properties.shutdownTimeout());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("supervisor.shutdown-timeout",
					properties.shutdownTimeout(), WorkerSpecFactory.humanize(String.valueOf(ex.getMessage())));
		}
		runObservers.orderedStream().forEach(builder::runObserver);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerRegistrar supervisorWorkerRegistrar(Supervisor supervisor, SupervisorProperties properties,
			ObjectProvider<WorkerDefinitionSource> sources, ObjectProvider<SupervisorListener> listeners) {
		return new WorkerRegistrar(supervisor, properties, sources, listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	SupervisorLifecycle supervisorLifecycle(Supervisor supervisor) {
		return new SupervisorLifecycle(supervisor);
	}

	@Bean
	@ConditionalOnMissingBean
	SupervisorApplicationEventPublisher supervisorApplicationEventPublisher(ApplicationEventPublisher publisher) {
		return new SupervisorApplicationEventPublisher(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	JvmExit supervisorJvmExit() {
		return JvmExit.system();
	}

	@Bean
	@ConditionalOnMissingBean
	ShutdownEscalationListener supervisorShutdownEscalationListener(ApplicationContext context, JvmExit jvmExit) {
		return new ShutdownEscalationListener(context, jvmExit);
	}

}
