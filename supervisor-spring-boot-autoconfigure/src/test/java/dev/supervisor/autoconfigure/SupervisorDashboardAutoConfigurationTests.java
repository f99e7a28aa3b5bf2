package dev.supervisor.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.supervisor.dashboard.DashboardConfig;
import dev.supervisor.dashboard.DashboardEndpointLocator;
import dev.supervisor.dashboard.SupervisorDashboard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorDashboardAutoConfiguration}.
 */
class SupervisorDashboardAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, SupervisorEndpointAutoConfiguration.class,
				SupervisorDashboardAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=supervisor");

	@Test
	void servesNoDashboardByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(SupervisorDashboard.class)
			.doesNotHaveBean(SupervisorDashboardAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void servesTheDashboardWhenEnabled() {
		this.contextRunner.withPropertyValues("supervisor.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(SupervisorDashboard.class)
				.hasBean(SupervisorDashboardAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME));
	}

	@Test
	void servesNoDashboardOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class,
					SupervisorDashboardAutoConfiguration.class))
			.withPropertyValues("supervisor.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SupervisorDashboard.class));
	}

	@Test
	void servesNoDashboardWithoutActuator() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class,
					SupervisorDashboardAutoConfiguration.class))
			.withPropertyValues("supervisor.dashboard.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SupervisorDashboard.class));
	}

	@Test
	void servesNoDashboardWhenSupervisionIsDisabled() {
		this.contextRunner.withPropertyValues("supervisor.dashboard.enabled=true", "supervisor.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SupervisorDashboard.class));
	}

	@Test
	void refusesAPathThatDoesNotStartWithASlash() {
		this.contextRunner.withPropertyValues("supervisor.dashboard.enabled=true", "supervisor.dashboard.path=ops/")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property supervisor.dashboard.path with value 'ops/' is invalid")
				.hasMessageContaining("starting with / and not ending with it"));
	}

	@Test
	void refusesAPathThatClimbsOutOfItself() {
		this.contextRunner.withPropertyValues("supervisor.dashboard.enabled=true", "supervisor.dashboard.path=/ops/..")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property supervisor.dashboard.path with value '/ops/..' is invalid")
				.hasMessageContaining("(not . or ..)"));
	}

	@Test
	void refusesARefreshShorterThanATenthOfASecond() {
		this.contextRunner.withPropertyValues("supervisor.dashboard.enabled=true", "supervisor.dashboard.refresh=10ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property supervisor.dashboard.refresh with value '10ms' is invalid")
				.hasMessageContaining("from 100ms to 1h"));
	}

	@Test
	void pointsAtTheEndpointUnderTheContextPathAndBasePath() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true", "supervisor.dashboard.refresh=2s",
					"management.endpoints.web.base-path=/manage")
			.run((context) -> assertThat(locate(context.getBean(DashboardEndpointLocator.class), "/app"))
				.isEqualTo(new DashboardConfig("/app/manage/supervisor", "read-only", false, 2000, null)));
	}

	@Test
	void followsThePathMappingOfTheEndpoint() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true",
					"management.endpoints.web.path-mapping.supervisor=workers")
			.run((context) -> assertThat(locate(context.getBean(DashboardEndpointLocator.class), "").endpoint())
				.isEqualTo("/actuator/workers"));
	}

	@Test
	void allowsWritesWhenTheEndpointsAccessIsUnrestricted() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true", "management.endpoint.supervisor.access=unrestricted")
			.run((context) -> {
				DashboardConfig config = locate(context.getBean(DashboardEndpointLocator.class), "");
				assertThat(config.access()).isEqualTo("unrestricted");
				assertThat(config.writable()).isTrue();
			});
	}

	@Test
	void allowsNoWritesWhenTheMaximumPermittedAccessIsReadOnly() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true", "management.endpoint.supervisor.access=unrestricted",
					"management.endpoints.access.max-permitted=read-only")
			.run((context) -> assertThat(locate(context.getBean(DashboardEndpointLocator.class), "").writable())
				.isFalse());
	}

	@Test
	void pointsAtTheManagementPortWhenTheActuatorHasItsOwn() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true", "server.port=8080", "management.server.port=0",
					"local.management.port=54321", "management.server.base-path=/ops")
			.run((context) -> assertThat(locate(context.getBean(DashboardEndpointLocator.class), "/app").endpoint())
				.isEqualTo("http://dashboard.example:54321/ops/actuator/supervisor"));
	}

	@Test
	void explainsWhenTheEndpointIsNotExposedOverHttp() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true", "management.endpoints.web.exposure.include=health")
			.run((context) -> {
				DashboardConfig config = locate(context.getBean(DashboardEndpointLocator.class), "");
				assertThat(config.endpoint()).isNull();
				assertThat(config.problem()).isEqualTo("The supervisor endpoint is not exposed over HTTP; add "
						+ "'supervisor' to management.endpoints.web.exposure.include");
			});
	}

	@Test
	void explainsWhenTheEndpointIsSwitchedOff() {
		this.contextRunner
			.withPropertyValues("supervisor.dashboard.enabled=true", "management.endpoint.supervisor.access=none")
			.run((context) -> assertThat(locate(context.getBean(DashboardEndpointLocator.class), "").problem())
				.contains("management.endpoint.supervisor.access=none"));
	}

	private static DashboardConfig locate(DashboardEndpointLocator locator, String contextPath) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", contextPath + "/supervisor/config");
		request.setContextPath(contextPath);
		request.setServerName("dashboard.example");
		return locator.locate(request);
	}

}
