package dev.supervisor.autoconfigure;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code configprops} endpoint shows the settings of groups, processes and workers as they
 * were bound, whether a type is bound through setters or through its constructor.
 */
class ConfigurationPropertiesReportTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SupervisorAutoConfiguration.class))
		.withBean(ConfigurationPropertiesReportEndpoint.class,
				() -> new ConfigurationPropertiesReportEndpoint(List.of(), Show.ALWAYS));

	@Test
	void showsTheBoundSettingsOfGroupsProcessesAndWorkers() {
		this.contextRunner
			.withPropertyValues("supervisor.processes.idle.command=sh,-c,true",
					"supervisor.processes.idle.auto-startup=false", "supervisor.processes.idle.environment.MODE=quiet",
					"supervisor.groups.pipeline.members=idle", "supervisor.groups.pipeline.strategy=rest-for-one",
					"supervisor.workers.poller.max-restarts=3")
			.run((context) -> {
				Map<String, Object> properties = supervisorProperties(context.getBean(ConfigurationPropertiesReportEndpoint.class));
				assertThat(properties).extractingByKey("groups")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.extractingByKey("pipeline")
					.isEqualTo(Map.of("strategy", "REST_FOR_ONE", "members", List.of("idle"), "awaitReady", false,
							"maxRestarts", 5, "restartWindow", "PT1M", "stopTimeout", "PT10S", "escalation", "NONE",
							"critical", true, "singleton", false));
				assertThat(properties).extractingByKey("processes")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.extractingByKey("idle")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("command", List.of("sh", "-c", "true"))
					.containsEntry("environment", Map.of("MODE", "quiet"))
					.containsEntry("autoStartup", false);
				assertThat(properties).extractingByKey("workers")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.extractingByKey("poller")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("maxRestarts", 3);
			});
	}

	private static Map<String, Object> supervisorProperties(ConfigurationPropertiesReportEndpoint endpoint) {
		ConfigurationPropertiesBeanDescriptor bean = endpoint.configurationPropertiesWithPrefix("supervisor")
			.getContexts()
			.values()
			.stream()
			.flatMap((context) -> context.getBeans().values().stream())
			.filter((candidate) -> candidate.getPrefix().equals("supervisor"))
			.findFirst()
			.orElseThrow();
		return bean.getProperties();
	}

}
