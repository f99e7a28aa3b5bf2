package dev.supervisor.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

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
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.supervisor.autoconfigure.SupervisorProperties.Dashboard;
import dev.supervisor.core.Supervisor;
import dev.supervisor.dashboard.DashboardEndpointLocator;
import dev.supervisor.dashboard.SupervisorDashboard;

/**
 * Auto-configuration of the dashboard: opt-in with {@code supervisor.dashboard.enabled=true}
 * in a servlet web application that has the actuator. A bad {@code supervisor.dashboard.*}
 * value fails start-up with Spring Boot's report of the key, the value and what is expected.
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

	/** Segments of URL-safe characters, none of them "." or "..". */
	private static final Pattern PATH = Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)+");

	private static final Duration MIN_REFRESH = Duration.ofMillis(100);

	private static final Duration MAX_REFRESH = Duration.ofHours(1);

	@Bean
	@ConditionalOnMissingBean
	DashboardEndpointLocator supervisorDashboardEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints,
			ObjectProvider<EndpointAccessResolver> accessResolver, Environment environment,
			SupervisorProperties properties) {
		return new DashboardEndpointLocator(endpoints::getIfAvailable,
				accessResolver.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment)), environment,
				refresh(properties.dashboard(), environment));
	}

	@Bean
	@ConditionalOnMissingBean
	SupervisorDashboard supervisorDashboard(SupervisorProperties properties, DashboardEndpointLocator locator) {
		return new SupervisorDashboard(path(properties.dashboard()), locator);
	}

	private static String path(Dashboard dashboard) {
		String path = dashboard.path();
		if (path == null || !PATH.matcher(path).matches()) {
			throw new InvalidConfigurationPropertyValueException("supervisor.dashboard.path", path,
					"Expected a path of one or more segments of letters, digits and - _ . ~ (not . or ..), "
							+ "starting with / and not ending with it, such as /supervisor or /ops/workers");
		}
		return path;
	}

	private static Duration refresh(Dashboard dashboard, Environment environment) {
		Duration refresh = dashboard.refresh();
		if (refresh == null || refresh.compareTo(MIN_REFRESH) < 0 || refresh.compareTo(MAX_REFRESH) > 0) {
			// The value as written (10ms), not as bound (PT0.01S).
			String written = environment.getProperty("supervisor.dashboard.refresh", String.valueOf(refresh));
			throw new InvalidConfigurationPropertyValueException("supervisor.dashboard.refresh", written,
					"Expected a duration from 100ms to 1h, such as 1s or 5s");
		}
		return refresh;
	}

	@Bean(ROUTER_FUNCTION_BEAN_NAME)
	@ConditionalOnMissingBean(name = ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> supervisorDashboardRouterFunction(SupervisorDashboard dashboard) {
		return dashboard.routerFunction();
	}

}
