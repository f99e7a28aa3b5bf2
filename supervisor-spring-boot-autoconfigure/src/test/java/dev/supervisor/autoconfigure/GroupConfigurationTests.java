package dev.supervisor.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Escalation;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;
import dev.supervisor.core.group.GroupStatus;
import dev.supervisor.core.group.GroupStrategy;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code supervisor.groups.<name>.*}, {@code supervisor.workers.<name>.group} and
 * {@code instances}, {@code @Supervised(group, instances)}, and every bad group configuration.
 */
class GroupConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withUserConfiguration(PipelineConfiguration.class);

	@Test
	void registersAGroupWithItsSettingsAndStartsItsMembersInOrder() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.strategy=rest-for-one",
					"supervisor.groups.pipeline.members=fetcher,parser", "supervisor.groups.pipeline.await-ready=true",
					"supervisor.groups.pipeline.max-restarts=3", "supervisor.groups.pipeline.restart-window=2m",
					"supervisor.groups.pipeline.stop-timeout=5s", "supervisor.groups.pipeline.escalation=shutdown",
					"supervisor.groups.pipeline.critical=false")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				GroupSpec spec = supervisor.groupStatus("pipeline").spec();
				assertThat(spec.strategy()).isEqualTo(GroupStrategy.REST_FOR_ONE);
				assertThat(spec.awaitReady()).isTrue();
				assertThat(spec.maxRestarts()).isEqualTo(3);
				assertThat(spec.restartWindow()).isEqualTo(Duration.ofMinutes(2));
				assertThat(spec.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(spec.escalation()).isEqualTo(Escalation.SHUTDOWN);
				assertThat(spec.critical()).isFalse();
				// writer joins by its annotation, after the listed members
				assertThat(supervisor.groupStatus("pipeline").members()).containsExactly("fetcher", "parser", "writer");
				GroupStatus running = await().atMost(Duration.ofSeconds(10))
					.until(() -> supervisor.groupStatus("pipeline"), (status) -> status.state() == GroupState.RUNNING);
				assertThat(running.waitingFor()).isNull();
			});
	}

	@Test
	void aWorkerJoinsAGroupByItsProperty() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher",
					"supervisor.workers.parser.group=pipeline")
			.run((context) -> assertThat(context.getBean(Supervisor.class).groupStatus("pipeline").members())
				.containsExactly("fetcher", "parser", "writer"));
	}

	@Test
	void instancesMakeNumberedCopiesInAGroupNamedAfterTheWorker() {
		this.contextRunner.withPropertyValues("supervisor.groups.pipeline.members=fetcher", "supervisor.workers.parser.instances=3")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				assertThat(supervisor.groupStatus("parser").members()).containsExactly("parser-1", "parser-2", "parser-3");
				assertThat(supervisor.groupStatus("parser").spec().strategy()).isEqualTo(GroupStrategy.ONE_FOR_ONE);
				assertThat(supervisor.contains("parser")).isFalse();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> supervisor.status("parser-3").state() == WorkerState.RUNNING);
			});
	}

	@Test
	void instancesComeFromTheAnnotationToo() {
		this.contextRunner.withUserConfiguration(ConsumerConfiguration.class)
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher")
			.run((context) -> assertThat(context.getBean(Supervisor.class).groupStatus("consumer").members())
				.containsExactly("consumer-1", "consumer-2"));
	}

	@Test
	void instancesBelowOneFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("supervisor.groups.pipeline.members=fetcher", "supervisor.workers.parser.instances=0")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.workers.parser.instances")
				.hasMessageContaining("'0'")
				.hasMessageContaining("1 or more"));
	}

	@Test
	void aMemberThatDoesNotExistFailsNamingTheKey() {
		this.contextRunner.withPropertyValues("supervisor.groups.pipeline.members=fetcher,ghost")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.pipeline.members[1]")
				.hasMessageContaining("'ghost'")
				.hasMessageContaining("No worker, process or group is named 'ghost'; known names: [fetcher, parser, pipeline, writer]"));
	}

	@Test
	void aGroupThatDoesNotExistFailsNamingTheWorkersKey() {
		this.contextRunner.withPropertyValues("supervisor.groups.pipeline.members=fetcher", "supervisor.workers.parser.group=pipline")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.workers.parser.group")
				.hasMessageContaining("'pipline'")
				.hasMessageContaining("No group is named 'pipline'; known groups: [pipeline]"));
	}

	@Test
	void aGroupThatDoesNotExistFailsNamingTheAnnotation() {
		this.contextRunner.run((context) -> assertThat(context).getFailure()
			.isInstanceOf(InvalidWorkerDefinitionException.class)
			.hasMessageContaining("@Supervised on")
			.hasMessageContaining("has invalid group 'pipeline': No group is named 'pipeline'; known groups: []"));
	}

	@Test
	void aMemberInTwoGroupsFailsNamingBothKeys() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher,parser",
					"supervisor.groups.other.members=parser")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.other.members[0]")
				.hasMessageContaining("'parser' is already a member of group 'pipeline' (supervisor.groups.pipeline.members[1])"));
	}

	@Test
	void aWorkerNamingAnotherGroupThanTheOneListingItFails() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher", "supervisor.groups.other.members=parser",
					"supervisor.workers.parser.group=pipeline")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.workers.parser.group")
				.hasMessageContaining("'parser' is already a member of group 'other' (supervisor.groups.other.members[0])"));
	}

	@Test
	void groupsThatContainEachOtherFail() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher,loop-b",
					"supervisor.groups.loop-b.members=parser,loop-c", "supervisor.groups.loop-c.members=pipeline")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.pipeline.members")
				.hasMessageContaining("Groups contain each other: pipeline -> loop-b -> loop-c -> pipeline"));
	}

	@Test
	void aGroupNestedInAnotherIsRegisteredFirst() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher,inner",
					"supervisor.groups.inner.members=parser")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				assertThat(supervisor.groupOf("inner")).isEqualTo("pipeline");
				assertThat(supervisor.groupStatus("pipeline").members()).containsExactly("fetcher", "inner", "writer");
			});
	}

	@Test
	void aGroupWithTheNameOfAWorkerFails() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher", "supervisor.groups.parser.members=writer")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.parser")
				.hasMessageContaining("workers, processes and groups share one namespace"));
	}

	@Test
	void aBadGroupValueFailsNamingItsKey() {
		this.contextRunner.withPropertyValues("supervisor.groups.pipeline.members=fetcher",
				"supervisor.groups.pipeline.max-restarts=-2")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.pipeline.max-restarts")
				.hasMessageContaining("'-2'")
				.hasMessageContaining("allowed: -1 for unlimited, or 0 and more"));
	}

	@Test
	void anUnknownStrategyFailsStartUp() {
		this.contextRunner.withPropertyValues("supervisor.groups.pipeline.strategy=all-for-one")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("all-for-one"));
	}

	@Test
	void aDisabledMemberFailsNamingTheKey() {
		this.contextRunner
			.withPropertyValues("supervisor.groups.pipeline.members=fetcher,parser", "supervisor.workers.parser.enabled=false")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.pipeline.members[1]")
				.hasMessageContaining("disabled by its 'enabled' property"));
	}

	@Configuration(proxyBeanMethods = false)
	static class PipelineConfiguration {

		@Bean
		Fetcher fetcher() {
			return new Fetcher();
		}

		@Bean
		Parser parser() {
			return new Parser();
		}

		@Bean
		Writer writer() {
			return new Writer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConsumerConfiguration {

		@Bean
		Consumer consumer() {
			return new Consumer();
		}

	}

	abstract static class Idle implements dev.supervisor.core.Worker {

		@Override
		public void run(WorkerContext context) {
			context.ready();
			context.sleep(Duration.ofDays(1));
		}

	}

	@Supervised
	static class Fetcher extends Idle {

	}

	@Supervised
	static class Parser extends Idle {

	}

	@Supervised(group = "pipeline")
	static class Writer extends Idle {

	}

	@Supervised(instances = "2")
	static class Consumer extends Idle {

	}

}
