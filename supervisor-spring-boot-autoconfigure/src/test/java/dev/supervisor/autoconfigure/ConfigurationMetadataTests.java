package dev.supervisor.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.BasicJsonParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated from {@link SupervisorProperties}, which IDEs
 * use to complete and describe every key.
 */
class ConfigurationMetadataTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	@Test
	void describesEveryProperty() throws IOException {
		List<Map<String, Object>> properties = list(metadata().get("properties"));
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("supervisor.enabled", "supervisor.shutdown-timeout", "supervisor.threads",
					"supervisor.defaults.restart", "supervisor.defaults.max-restarts",
					"supervisor.defaults.restart-window", "supervisor.defaults.healthy-after",
					"supervisor.defaults.start-delay", "supervisor.defaults.escalation", "supervisor.defaults.critical",
					"supervisor.defaults.backoff.initial", "supervisor.defaults.backoff.max",
					"supervisor.defaults.backoff.multiplier", "supervisor.defaults.backoff.jitter",
					"supervisor.workers", "supervisor.processes", "supervisor.observations.enabled");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
	}

	@Test
	void hintsEnumValuesAsWrittenInConfiguration() throws IOException {
		Map<Object, Object> hints = new java.util.HashMap<>();
		for (Map<String, Object> hint : list(metadata().get("hints"))) {
			hints.put(hint.get("name"), list(hint.get("values")).stream().map((value) -> value.get("value")).toList());
		}
		assertThat(hints).containsEntry("supervisor.defaults.restart", List.of("never", "always", "on-failure"))
			.containsEntry("supervisor.defaults.escalation", List.of("none", "shutdown"))
			.containsEntry("supervisor.threads", List.of("auto", "platform", "virtual"));
	}

	@Test
	void documentsDefaultsAsWrittenInConfiguration() throws IOException {
		Map<Object, Object> defaults = new java.util.HashMap<>();
		for (Map<String, Object> property : list(metadata().get("properties"))) {
			defaults.put(property.get("name"), property.get("defaultValue"));
		}
		assertThat(defaults).containsEntry("supervisor.defaults.restart", "on-failure")
			.containsEntry("supervisor.defaults.restart-window", "1m")
			.containsEntry("supervisor.defaults.start-delay", "0s")
			.containsEntry("supervisor.shutdown-timeout", "30s")
			.containsEntry("supervisor.threads", "auto");
	}

	private static Map<String, Object> metadata() throws IOException {
		assertThat(METADATA).as("generated metadata").exists();
		// JSON strings hold no raw line breaks, so this only removes layout.
		String compact = Files.readString(METADATA).replaceAll("\\s*\\R\\s*", "");
		return new BasicJsonParser().parseMap(compact);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
