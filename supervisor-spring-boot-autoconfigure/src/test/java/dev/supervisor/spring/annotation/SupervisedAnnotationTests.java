package dev.supervisor.spring.annotation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.core.RestartPolicy;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for finding {@link Supervised @Supervised} workers.
 */
class SupervisedAnnotationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class));

	@Test
	void findsEveryFormOfWorkerUnderLazyInitialization() {
		this.contextRunner
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.withUserConfiguration(ContextMethodConfiguration.class, RunnableConfiguration.class,
					BeanMethodConfiguration.class)
			.run((context) -> assertThat(context.getBean(Supervisor.class).statuses()).extracting(WorkerStatus::name)
				.containsExactlyInAnyOrder("contextMethodJob.poll", "runnableJob", "lambdaJob"));
	}

	@Test
	void runsAnnotatedMethodTakingWorkerContextNamedAfterBeanAndMethod() {
		this.contextRunner.withUserConfiguration(ContextMethodConfiguration.class).run((context) -> {
			ContextMethodJob job = context.getBean(ContextMethodJob.class);
			assertThat(job.ran.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(job.seenName.get()).isEqualTo("contextMethodJob.poll");
			assertThat(context.getBean(Supervisor.class).contains("contextMethodJob.poll")).isTrue();
		});
	}

	@Test
	void runsAnnotatedMethodWithoutParameters() {
		this.contextRunner.withUserConfiguration(PlainMethodConfiguration.class).run((context) -> {
			PlainMethodJob job = context.getBean(PlainMethodJob.class);
			assertThat(job.ran.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(context.getBean(Supervisor.class).contains("plainMethodJob.work")).isTrue();
		});
	}

	@Test
	void runsRunnableBeanNamedAfterTheBean() {
		this.contextRunner.withUserConfiguration(RunnableConfiguration.class).run((context) -> {
			RunnableJob job = context.getBean(RunnableJob.class);
			assertThat(job.ran.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(context.getBean(Supervisor.class).contains("runnableJob")).isTrue();
		});
	}

	@Test
	void runsWorkerBeanWithTheNameGivenInTheAnnotation() {
		this.contextRunner.withUserConfiguration(WorkerConfiguration.class).run((context) -> {
			WorkerJob job = context.getBean(WorkerJob.class);
			assertThat(job.ran.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(job.seenName.get()).isEqualTo("mailer");
			assertThat(context.getBean(Supervisor.class).statuses()).extracting((status) -> status.name())
				.containsExactly("mailer");
		});
	}

	@Test
	void runsAnnotatedBeanMethodResult() {
		this.contextRunner.withUserConfiguration(BeanMethodConfiguration.class).run((context) -> {
			assertThat(context.getBean("ran", CountDownLatch.class).await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(context.getBean(Supervisor.class).statuses()).extracting((status) -> status.name())
				.containsExactly("lambdaJob");
		});
	}

	@Test
	void resolvesPlaceholdersInAttributes() {
		this.contextRunner.withUserConfiguration(PlaceholderConfiguration.class)
			.withPropertyValues("jobs.name=indexer", "jobs.window=2m", "jobs.restart=always")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				assertThat(supervisor.status("indexer").spec().restartWindow()).isEqualTo(Duration.ofMinutes(2));
				assertThat(supervisor.status("indexer").spec().restart()).isEqualTo(RestartPolicy.ALWAYS);
			});
	}

	@Test
	void failsForMethodWithOtherParametersNamingBeanAndMethod() {
		this.contextRunner.withUserConfiguration(BadParametersConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidWorkerDefinitionException.class)
				.hasMessageContaining("BadParametersJob.poll(String)")
				.hasMessageContaining("bean 'badParametersJob'")
				.hasMessageContaining("no parameters or one dev.supervisor.core.WorkerContext");
		});
	}

	@Test
	void failsForStaticMethodNamingBeanAndMethod() {
		this.contextRunner.withUserConfiguration(StaticMethodConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("StaticMethodJob.poll()")
				.hasMessageContaining("bean 'staticMethodJob'")
				.hasMessageContaining("is static");
		});
	}

	@Test
	void failsForClassThatIsNeitherWorkerNorRunnable() {
		this.contextRunner.withUserConfiguration(NotAWorkerConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("bean 'notAWorker'")
				.hasMessageContaining("implements neither dev.supervisor.core.Worker nor Runnable");
		});
	}

	@Test
	void failsForDuplicateNamesNamingBothDeclarations() {
		this.contextRunner.withUserConfiguration(DuplicateNameConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Duplicate worker name 'twin'")
				.hasMessageContaining("bean 'firstTwin'")
				.hasMessageContaining("bean 'secondTwin'");
		});
	}

	@Test
	void failsForAttributeThatDoesNotConvertNamingAttributeValueAndAllowed() {
		this.contextRunner.withUserConfiguration(BadAttributeConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(failure(context.getStartupFailure(), InvalidWorkerDefinitionException.class))
				.hasMessageContaining("method 'BadAttributeJob.poll()' of bean 'badAttributeJob'")
				.hasMessageContaining("invalid restart 'sometimes'")
				.hasMessageContaining("never, always or on-failure");
		});
	}

	@Test
	void convertsAttributesAsPropertiesAreBound() {
		this.contextRunner.withUserConfiguration(PlaceholderAttributesConfiguration.class)
			.withPropertyValues("probe.restart=on-failure", "probe.backoff-initial=750ms", "probe.max-restarts=7",
					"probe.critical=false")
			.run((context) -> {
				WorkerSpec spec = context.getBean(Supervisor.class).status("probe").spec();
				assertThat(spec.restart()).isEqualTo(RestartPolicy.ON_FAILURE);
				assertThat(spec.backoff().initial()).isEqualTo(Duration.ofMillis(750));
				assertThat(spec.maxRestarts()).isEqualTo(7);
				assertThat(spec.critical()).isFalse();
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			restart        | sometimes | never, always or on-failure
			backoffInitial | soon      | a duration such as 500ms
			maxRestarts    | many      | a whole number
			critical       | maybe     | true or false
			""")
	void failsForAnyAttributeOfTheWrongTypeNamingItsValueAndWhatIsAllowed(String attribute, String value,
			String allowed) {
		String property = "probe." + attribute.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
		this.contextRunner.withUserConfiguration(PlaceholderAttributesConfiguration.class)
			.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(failure(context.getStartupFailure(), InvalidWorkerDefinitionException.class))
				.hasMessageContaining("invalid " + attribute + " '" + value + "'")
				.hasMessageContaining(allowed));
	}

	@Test
	void failsNamingTheOneAttributeThatDoesNotConvertAmongValidOnes() {
		this.contextRunner.withUserConfiguration(PlaceholderAttributesConfiguration.class)
			.withPropertyValues("probe.restart=on-failure", "probe.backoff-initial=750ms", "probe.max-restarts=many",
					"probe.critical=false")
			.run((context) -> assertThat(failure(context.getStartupFailure(), InvalidWorkerDefinitionException.class))
				.hasMessageContaining("invalid maxRestarts 'many' (from '${probe.max-restarts:}')")
				.hasMessageContaining("a whole number")
				.hasMessageNotContaining("backoffInitial")
				.hasMessageNotContaining("invalid restart"));
	}

	@Test
	void failsForAttributeOutOfRangeNamingTheDeclaration() {
		this.contextRunner.withUserConfiguration(OutOfRangeAttributeConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(failure(context.getStartupFailure(), InvalidWorkerDefinitionException.class))
				.hasMessageContaining("method 'OutOfRangeJob.poll()' of bean 'outOfRangeJob'")
				.hasMessageContaining("has invalid backoffMultiplier '0.5'")
				.hasMessageContaining("1.0 or more");
		});
	}

	@Test
	void failsForUnresolvablePlaceholder() {
		this.contextRunner.withUserConfiguration(PlaceholderConfiguration.class)
			.withPropertyValues("jobs.name=indexer", "jobs.restart=always")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("jobs.window");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("restartWindow '${jobs.window}'");
			});
	}

	private static Throwable failure(Throwable startupFailure, Class<? extends Throwable> type) {
		Throwable candidate = startupFailure;
		while (candidate != null && !type.isInstance(candidate)) {
			candidate = candidate.getCause();
		}
		assertThat(candidate).as("%s in the cause chain of %s", type.getSimpleName(), startupFailure).isNotNull();
		return candidate;
	}

	@Configuration(proxyBeanMethods = false)
	static class ContextMethodConfiguration {

		@Bean
		ContextMethodJob contextMethodJob() {
			return new ContextMethodJob();
		}

	}

	static class ContextMethodJob {

		final CountDownLatch ran = new CountDownLatch(1);

		final AtomicReference<String> seenName = new AtomicReference<>();

		@Supervised(restart = "never")
		void poll(WorkerContext context) {
			this.seenName.set(context.name());
			this.ran.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainMethodConfiguration {

		@Bean
		PlainMethodJob plainMethodJob() {
			return new PlainMethodJob();
		}

	}

	static class PlainMethodJob {

		final CountDownLatch ran = new CountDownLatch(1);

		@Supervised(restart = "never")
		public void work() {
			this.ran.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RunnableConfiguration {

		@Bean
		RunnableJob runnableJob() {
			return new RunnableJob();
		}

	}

	@Supervised(restart = "never")
	static class RunnableJob implements Runnable {

		final CountDownLatch ran = new CountDownLatch(1);

		@Override
		public void run() {
			this.ran.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkerConfiguration {

		@Bean
		WorkerJob workerJob() {
			return new WorkerJob();
		}

	}

	@Supervised(name = "mailer", restart = "never")
	static class WorkerJob implements Worker {

		final CountDownLatch ran = new CountDownLatch(1);

		final AtomicReference<String> seenName = new AtomicReference<>();

		@Override
		public void run(WorkerContext context) {
			this.seenName.set(context.name());
			this.ran.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BeanMethodConfiguration {

		@Bean
		CountDownLatch ran() {
			return new CountDownLatch(1);
		}

		@Bean
		@Supervised(restart = "never")
		Runnable lambdaJob(CountDownLatch ran) {
			return ran::countDown;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderConfiguration {

		@Bean
		PlaceholderJob placeholderJob() {
			return new PlaceholderJob();
		}

	}

	static class PlaceholderJob {

		@Supervised(value = "${jobs.name}", restartWindow = "${jobs.window}", restart = "${jobs.restart}",
				autoStartup = "false")
		void poll() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadParametersConfiguration {

		@Bean
		BadParametersJob badParametersJob() {
			return new BadParametersJob();
		}

	}

	static class BadParametersJob {

		@Supervised
		void poll(String queue) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StaticMethodConfiguration {

		@Bean
		StaticMethodJob staticMethodJob() {
			return new StaticMethodJob();
		}

	}

	static class StaticMethodJob {

		@Supervised
		static void poll() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAWorkerConfiguration {

		@Bean
		NotAWorker notAWorker() {
			return new NotAWorker();
		}

	}

	@Supervised
	static class NotAWorker {

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateNameConfiguration {

		@Bean
		TwinJob firstTwin() {
			return new TwinJob();
		}

		@Bean
		TwinJob secondTwin() {
			return new TwinJob();
		}

	}

	@Supervised(value = "twin", autoStartup = "false")
	static class TwinJob implements Runnable {

		@Override
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadAttributeConfiguration {

		@Bean
		BadAttributeJob badAttributeJob() {
			return new BadAttributeJob();
		}

	}

	static class BadAttributeJob {

		@Supervised(restart = "sometimes")
		void poll() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OutOfRangeAttributeConfiguration {

		@Bean
		OutOfRangeJob outOfRangeJob() {
			return new OutOfRangeJob();
		}

	}

	static class OutOfRangeJob {

		@Supervised(backoffMultiplier = "0.5")
		void poll() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderAttributesConfiguration {

		@Bean
		@Supervised(name = "probe", restart = "${probe.restart:}", backoffInitial = "${probe.backoff-initial:}",
				maxRestarts = "${probe.max-restarts:}", critical = "${probe.critical:}", autoStartup = "false")
		Runnable probe() {
			return () -> {
			};
		}

	}

}
