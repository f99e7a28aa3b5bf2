package dev.supervisor.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supervisor.actuate.endpoint.SupervisorEndpoint;
import dev.supervisor.actuate.endpoint.SupervisorEndpointWebExtension;
import dev.supervisor.core.Supervisor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorEndpointAutoConfiguration}.
 */
class SupervisorEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorEndpointAutoConfiguration.class));

	@Test
	void registersTheEndpointAndItsWebExtensionWhenExposedOnTheWeb() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=supervisor")
			.run((context) -> assertThat(context).hasSingleBean(SupervisorEndpoint.class)
				.hasSingleBean(SupervisorEndpointWebExtension.class));
	}

	@Test
	void backsOffWhenTheEndpointIsNotExposed() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisorEndpoint.class)
				.doesNotHaveBean(SupervisorEndpointWebExtension.class));
	}

	@Test
	void backsOffWhenTheEndpointsAccessIsNone() {
		// An application's conversion service, as SpringApplication sets, reads "none" as Access.NONE.
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withInitializer((context) -> context.getEnvironment()
				.setConversionService(new ApplicationConversionService()))
			.withPropertyValues("management.endpoints.web.exposure.include=supervisor",
					"management.endpoint.supervisor.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisorEndpoint.class));
	}

	@Test
	void registersNoWebExtensionWhenExposedOnlyOverJmx() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=supervisor")
			.run((context) -> assertThat(context).hasSingleBean(SupervisorEndpoint.class)
				.doesNotHaveBean(SupervisorEndpointWebExtension.class));
	}

	@Test
	void backsOffWithoutSupervisor() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=supervisor")
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisorEndpoint.class));
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=supervisor")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SupervisorEndpoint.class));
	}

	@Test
	void backsOffWhenUserDefinesSupervisorEndpoint() {
		this.contextRunner.withUserConfiguration(SupervisorConfiguration.class, UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=supervisor")
			.run((context) -> {
				assertThat(context).hasSingleBean(SupervisorEndpoint.class);
				assertThat(context).getBean(SupervisorEndpoint.class).isSameAs(UserEndpointConfiguration.endpoint);
				assertThat(context).hasSingleBean(SupervisorEndpointWebExtension.class);
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
	static class UserEndpointConfiguration {

		static SupervisorEndpoint endpoint;

		@Bean
		SupervisorEndpoint customSupervisorEndpoint(Supervisor supervisor) {
			endpoint = new SupervisorEndpoint(supervisor);
			return endpoint;
		}

	}

}
