package dev.supervisor.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.actuate.health.SupervisorHealthIndicator;
import dev.supervisor.core.Supervisor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorHealthAutoConfiguration}.
 */
class SupervisorHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorHealthAutoConfiguration.class));

	@Test
	void registersTheSupervisorHealthIndicator() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SupervisorHealthIndicator.class)
				.hasBean("supervisorHealthIndicator"));
	}

	@Test
	void backsOffWithoutSupervisor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SupervisorHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheIndicatorIsDisabled() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withPropertyValues("management.health.supervisor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisorHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SupervisorHealthIndicator.class));
	}

	@Test
	void backsOffWhenUserDefinesSupervisorHealthIndicator() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class, UserHealthConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SupervisorHealthIndicator.class);
				assertThat(context).getBean("supervisorHealthIndicator", HealthIndicator.class)
					.isSameAs(UserHealthConfiguration.INDICATOR);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class SupervisorConfiguration {

		@Bean(destroyMethod = "shutdown")
		Supervisor supervisor() {
			return Supervisor.builder().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		static final HealthIndicator INDICATOR = () -> Health.up().build();

		@Bean
		HealthIndicator supervisorHealthIndicator() {
			return INDICATOR;
		}

	}

}
