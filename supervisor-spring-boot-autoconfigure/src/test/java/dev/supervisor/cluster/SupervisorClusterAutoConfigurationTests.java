package dev.supervisor.cluster;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.autoconfigure.SupervisorClusterAutoConfiguration;
import dev.supervisor.autoconfigure.SupervisorJdbcLockRegistryAutoConfiguration;
import dev.supervisor.core.event.LeadershipGrantedEvent;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.core.WorkerState;
import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.group.GroupSpec;
import dev.supervisor.core.group.GroupState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisorClusterAutoConfiguration} and
 * {@link SupervisorJdbcLockRegistryAutoConfiguration}: which lock registry elects singletons,
 * and the reports when none can.
 */
@ExtendWith(OutputCaptureExtension.class)
class SupervisorClusterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class,
				SupervisorJdbcLockRegistryAutoConfiguration.class, SupervisorClusterAutoConfiguration.class));

	private static WorkerStatus awaitState(Supervisor supervisor, String name, WorkerState state) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(supervisor.status(name).state()).isEqualTo(state));
		return supervisor.status(name);
	}

	@Test
	void singletonWithoutALockRegistryFailsStartUpSayingWhatToAdd() {
		this.contextRunner.withUserConfiguration(SingletonConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ClusterSetupFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Workers [poller] are cluster singletons, but the"
					+ " application has no LockRegistry bean to elect them with (or several, none of them primary)");
			assertThat(analysis.getAction()).contains("spring-integration-jdbc", "LockRegistry bean",
					"supervisor.cluster.mode=local");
		});
	}

	@Test
	void singletonWithoutSpringIntegrationFailsStartUpTheSameWay() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.integration"))
			.withUserConfiguration(SingletonConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ClusterSetupException.class)
				.hasMessageContaining("no LockRegistry bean"));
	}

	@Test
	void localModeRunsSingletonsWithoutElection() {
		this.contextRunner.withUserConfiguration(SingletonConfiguration.class)
			.withPropertyValues("supervisor.cluster.mode=local")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LocalSingletons.class);
				WorkerStatus status = awaitState(context.getBean(Supervisor.class), "poller", WorkerState.RUNNING);
				assertThat(status.leader()).isTrue();
			});
	}

	@Test
	void leadershipIsPublishedAsAnApplicationEvent() {
		this.contextRunner.withUserConfiguration(SingletonConfiguration.class, LeadershipRecorder.class)
			.withPropertyValues("supervisor.cluster.mode=local")
			.run((context) -> await().untilAsserted(() -> assertThat(context.getBean(LeadershipRecorder.class).granted)
				.extracting(LeadershipGrantedEvent::worker)
				.containsExactly("poller")));
	}

	@Test
	void applicationWithoutSingletonsNeedsNoLockRegistry() {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SingletonElections.class));
	}

	@Test
	void applicationWithoutSingletonsNeverReadsTheLockTable() {
		// The database has no INT_LOCK table: reading it would fail start-up.
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class, EmptyDatabaseConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(JdbcLockRegistry.class)
				.hasSingleBean(SingletonElections.class));
	}

	@Test
	void singletonIsElectedWithJdbcLocksOnTheApplicationsDataSource() {
		this.contextRunner.withUserConfiguration(SingletonConfiguration.class, LockTableDatabaseConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JdbcLockRegistry.class);
				WorkerStatus status = awaitState(context.getBean(Supervisor.class), "poller", WorkerState.RUNNING);
				assertThat(status.leader()).isTrue();
			});
	}

	@Test
	void missingLockTableFailsStartUpNamingTheTable() {
		this.contextRunner.withUserConfiguration(SingletonConfiguration.class, EmptyDatabaseConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ClusterSetupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.startsWith("Cluster singletons [poller] are elected with JDBC locks, but table INT_LOCK cannot be read: ");
				assertThat(analysis.getAction()).contains("schema-postgresql.sql", "Flyway");
			});
	}

	@Test
	void userDefinedLockRegistryIsUsedInsteadOfJdbcLocks() {
		this.contextRunner
			.withUserConfiguration(SingletonConfiguration.class, EmptyDatabaseConfiguration.class,
					SharedLockRegistryConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(JdbcLockRegistry.class);
				awaitState(context.getBean(Supervisor.class), "poller", WorkerState.RUNNING);
			});
	}

	@Test
	void twoInstancesOnOneLockRegistryRunTheSingletonOnceAndHandOverWhenTheLeaderStops() {
		LockRegistry<?> shared = new DefaultLockRegistry();
		ApplicationContextRunner instance = this.contextRunner.withUserConfiguration(SingletonConfiguration.class)
			.withBean(LockRegistry.class, () -> shared);
		instance.run((first) -> {
			Supervisor firstSupervisor = first.getBean(Supervisor.class);
			awaitState(firstSupervisor, "poller", WorkerState.RUNNING);
			instance.run((second) -> {
				Supervisor secondSupervisor = second.getBean(Supervisor.class);
				WorkerStatus standby = awaitState(secondSupervisor, "poller", WorkerState.STANDBY);
				assertThat(standby.leader()).isFalse();
				assertThat(firstSupervisor.status("poller").state()).isEqualTo(WorkerState.RUNNING);

				first.close();

				assertThat(awaitState(secondSupervisor, "poller", WorkerState.RUNNING).leader()).isTrue();
			});
		});
	}

	@Test
	void singletonAddedAtRunTimeIsElectedAndItsRemovalHandsItOver() {
		LockRegistry<?> shared = new DefaultLockRegistry();
		ApplicationContextRunner instance = this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.withBean(LockRegistry.class, () -> shared);
		instance.run((first) -> {
			Supervisor firstSupervisor = first.getBean(Supervisor.class);
			firstSupervisor.add(lateSingleton());
			assertThat(awaitState(firstSupervisor, "late", WorkerState.RUNNING).leader()).isTrue();
			instance.run((second) -> {
				Supervisor secondSupervisor = second.getBean(Supervisor.class);
				secondSupervisor.add(lateSingleton());
				assertThat(awaitState(secondSupervisor, "late", WorkerState.STANDBY).leader()).isFalse();

				firstSupervisor.remove("late");

				assertThat(awaitState(secondSupervisor, "late", WorkerState.RUNNING).leader()).isTrue();
			});
		});
	}

	@Test
	void singletonRemovedAndAddedAgainAtRunTimeIsElectedAgain() {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class, SharedLockRegistryConfiguration.class)
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				supervisor.add(lateSingleton());
				awaitState(supervisor, "late", WorkerState.RUNNING);
				supervisor.remove("late");
				await().atMost(Duration.ofSeconds(20)).until(() -> !supervisor.contains("late"));

				supervisor.add(lateSingleton());

				assertThat(awaitState(supervisor, "late", WorkerState.RUNNING).leader()).isTrue();
			});
	}

	@Test
	void singletonAddedAtRunTimeRunsWithoutElectionInLocalMode() {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.withPropertyValues("supervisor.cluster.mode=local")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				supervisor.add(lateSingleton());
				assertThat(awaitState(supervisor, "late", WorkerState.RUNNING).leader()).isTrue();
			});
	}

	@Test
	void singletonAddedAtRunTimeWithoutALockTableStaysInStandbyAndSaysWhy(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class, EmptyDatabaseConfiguration.class)
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				supervisor.add(lateSingleton());
				assertThat(supervisor.status("late").state()).isEqualTo(WorkerState.STANDBY);
				assertThat(output).contains("Singleton 'late' stays in STANDBY: Cluster singletons [late] are elected"
						+ " with JDBC locks, but table INT_LOCK cannot be read");
			});
	}

	@Test
	void singletonAddedAtRunTimeWithoutALockRegistryStaysInStandbyAndSaysWhy(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class).run((context) -> {
			Supervisor supervisor = context.getBean(Supervisor.class);
			supervisor.add(lateSingleton());
			assertThat(supervisor.status("late").state()).isEqualTo(WorkerState.STANDBY);
			assertThat(output).contains("Singleton 'late' stays in STANDBY: the application has no LockRegistry bean");
		});
	}

	private static WorkerSpec lateSingleton() {
		return WorkerSpec.builder("late", (context) -> {
			while (context.sleep(Duration.ofSeconds(10))) {
				// Polls while leading.
			}
		}).singleton(true).build();
	}

	@Test
	void singletonGroupIsOneElectionWhoseMembersWaitInStandbyOnTheOtherInstance() {
		LockRegistry<?> shared = new DefaultLockRegistry();
		ApplicationContextRunner instance = this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.withPropertyValues("supervisor.groups.pipeline.members=plain", "supervisor.groups.pipeline.singleton=true")
			.withBean(LockRegistry.class, () -> shared);
		instance.run((first) -> {
			Supervisor firstSupervisor = first.getBean(Supervisor.class);
			awaitGroupState(firstSupervisor, "pipeline", GroupState.RUNNING);
			assertThat(awaitState(firstSupervisor, "plain", WorkerState.RUNNING).leader()).isTrue();
			instance.run((second) -> {
				Supervisor secondSupervisor = second.getBean(Supervisor.class);
				awaitGroupState(secondSupervisor, "pipeline", GroupState.STANDBY);
				assertThat(awaitState(secondSupervisor, "plain", WorkerState.STANDBY).leader()).isFalse();

				first.close();

				awaitGroupState(secondSupervisor, "pipeline", GroupState.RUNNING);
				assertThat(awaitState(secondSupervisor, "plain", WorkerState.RUNNING).leader()).isTrue();
			});
		});
	}

	@Test
	void singletonGroupAddedAtRunTimeIsElectedAndItsRemovalHandsItOver() {
		LockRegistry<?> shared = new DefaultLockRegistry();
		ApplicationContextRunner instance = this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.withBean(LockRegistry.class, () -> shared);
		instance.run((first) -> {
			Supervisor firstSupervisor = first.getBean(Supervisor.class);
			addLateSingletonGroup(firstSupervisor);
			awaitGroupState(firstSupervisor, "late-pipeline", GroupState.RUNNING);
			assertThat(firstSupervisor.groupStatus("late-pipeline").leader()).isTrue();
			assertThat(awaitState(firstSupervisor, "late-member", WorkerState.RUNNING).leader()).isTrue();
			instance.run((second) -> {
				Supervisor secondSupervisor = second.getBean(Supervisor.class);
				addLateSingletonGroup(secondSupervisor);
				awaitGroupState(secondSupervisor, "late-pipeline", GroupState.STANDBY);
				assertThat(secondSupervisor.groupStatus("late-pipeline").leader()).isFalse();

				firstSupervisor.remove("late-pipeline");

				awaitGroupState(secondSupervisor, "late-pipeline", GroupState.RUNNING);
				assertThat(secondSupervisor.groupStatus("late-pipeline").leader()).isTrue();
				assertThat(awaitState(secondSupervisor, "late-member", WorkerState.RUNNING).leader()).isTrue();
			});
		});
	}

	@Test
	void singletonGroupAddedAtRunTimeRunsWithoutElectionInLocalMode() {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.withPropertyValues("supervisor.cluster.mode=local")
			.run((context) -> {
				Supervisor supervisor = context.getBean(Supervisor.class);
				addLateSingletonGroup(supervisor);
				awaitGroupState(supervisor, "late-pipeline", GroupState.RUNNING);
				assertThat(supervisor.groupStatus("late-pipeline").leader()).isTrue();
			});
	}

	/** A member not started yet, then a singleton group of it: what an application adds at run time. */
	private static void addLateSingletonGroup(Supervisor supervisor) {
		supervisor.add(WorkerSpec.builder("late-member", (context) -> {
			while (context.sleep(Duration.ofSeconds(10))) {
				// Polls while its group leads.
			}
		}).autoStartup(false).build());
		supervisor.addGroup(GroupSpec.builder("late-pipeline").members(List.of("late-member")).singleton(true).build());
	}

	@Test
	void singletonGroupOfASingletonWorkerFailsStartUpNamingTheKey() {
		this.contextRunner.withUserConfiguration(SingletonConfiguration.class, SharedLockRegistryConfiguration.class)
			.withPropertyValues("supervisor.groups.pipeline.members=poller", "supervisor.groups.pipeline.singleton=true")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.groups.pipeline.singleton")
				.hasMessageContaining("worker 'poller' is a singleton itself"));
	}

	private static void awaitGroupState(Supervisor supervisor, String name, GroupState state) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(supervisor.groupStatus(name).state()).isEqualTo(state));
	}

	@Test
	void fencingMarginMustBeLessThanTheLockTtl() {
		this.contextRunner.withPropertyValues("supervisor.cluster.lock-ttl=5s", "supervisor.cluster.fencing-margin=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("supervisor.cluster.fencing-margin")
				.hasMessageContaining("less than supervisor.cluster.lock-ttl (5000ms)"));
	}

	@Test
	void singletonPropertyMakesAnAnnotatedWorkerASingleton() {
		this.contextRunner.withUserConfiguration(PlainWorkerConfiguration.class)
			.withPropertyValues("supervisor.workers.plain.singleton=true", "supervisor.cluster.mode=local")
			.run((context) -> assertThat(context.getBean(Supervisor.class).status("plain").spec().singleton()).isTrue());
	}

	@Configuration(proxyBeanMethods = false)
	static class SingletonConfiguration {

		@Bean
		Poller poller() {
			return new Poller();
		}

	}

	static class Poller {

		@Supervised(name = "poller", singleton = "true")
		void poll(WorkerContext context) throws InterruptedException {
			while (context.sleep(Duration.ofSeconds(10))) {
				// Polls while leading.
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainWorkerConfiguration {

		@Bean
		Plain plain() {
			return new Plain();
		}

	}

	static class Plain {

		@Supervised(name = "plain")
		void work(WorkerContext context) {
			context.sleep(Duration.ofMinutes(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyDatabaseConfiguration {

		@Bean(destroyMethod = "shutdown")
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.setName(UUID.randomUUID().toString())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LockTableDatabaseConfiguration {

		@Bean(destroyMethod = "shutdown")
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.setName(UUID.randomUUID().toString())
				.addScript("classpath:org/springframework/integration/jdbc/schema-h2.sql")
				.build();
		}

	}

	static class LeadershipRecorder {

		final List<LeadershipGrantedEvent> granted = new CopyOnWriteArrayList<>();

		@EventListener
		void on(LeadershipGrantedEvent event) {
			this.granted.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SharedLockRegistryConfiguration {

		@Bean
		DefaultLockRegistry lockRegistry() {
			return new DefaultLockRegistry();
		}

	}

}
