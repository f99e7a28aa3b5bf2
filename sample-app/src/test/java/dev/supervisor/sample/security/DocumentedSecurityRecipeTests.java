package dev.supervisor.sample.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security recipe that users copy from the documentation is the class the recipe tests
 * run, character for character (all but its package line).
 */
class DocumentedSecurityRecipeTests {

	private static final Path PAGE = Path.of("..", "docs", "endpoint-and-security.md");

	private static final Path RECIPE = Path.of("src", "test", "java", "dev", "supervisor", "sample", "security",
			"ActuatorSecurityConfiguration.java");

	@Test
	void theDocumentedRecipeIsTheTestedClass() throws IOException {
		String recipe = Files.readString(RECIPE);
		String withoutPackage = recipe.substring(recipe.indexOf("\nimport ") + 1);
		assertThat(Files.readString(PAGE)).contains("```java\n" + withoutPackage + "```\n");
	}

}
