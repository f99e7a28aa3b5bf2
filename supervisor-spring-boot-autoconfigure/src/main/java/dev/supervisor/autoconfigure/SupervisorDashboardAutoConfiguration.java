package dev.supervisor.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.supervisor.core.Supervisor;
import dev.supervisor.dashboard.DashboardEndpointLocator;
import dev.supervisor.dashboard.SupervisorDashboard;

/**
 * Auto-configuration of the dashboard: opt-in with {@code supervisor.dashboard.enabled=true}
 * in a servlet web application that has the actuator.
 */
@AutoConfiguration(after = SupervisorAutoConfiguration.class,
		afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ RouterFunction.class, PathMappedEndpoints.class, ManagementPortType.class })
@ConditionalOnBooleanProperty("supervisor.dashboard.enabled")
@ConditionalOnBean(Supervisor.class)
public final class SupervisorDashboardAutoConfiguration {

	/** The name of the dashboard's router function bean. */
	public static final String ROUTER_FUNCTION_BEAN_NAME = "supervisorDashboardRouterFunction";

	@Bean
	@ConditionalOnMissingBean
	DashboardEndpointLocator supervisorDashboardEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints,
			ObjectProvider<EndpointAccessResolver> accessResolver, Environment environment,
			SupervisorProperties properties) {
		return new DashboardEndpointLocator(endpoints::getIfAvailable,
				accessResolver.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment)), environment,
				properties.getDashboard().getRefresh());
	}

	@Bean
	@ConditionalOnMissingBean
	SupervisorDashboard supervisorDashboard(SupervisorProperties properties, DashboardEndpointLocator locator) {
		return new SupervisorDashboard(properties.getDashboard().getPath(), locator);
	}

	@Bean(ROUTER_FUNCTION_BEAN_NAME)
	@ConditionalOnMissingBean(name = ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> supervisorDashboardRouterFunction(SupervisorDashboard dashboard) {
		return dashboard.routerFunction();
	}

}
