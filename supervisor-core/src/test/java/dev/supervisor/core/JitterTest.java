package dev.supervisor.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas that fail together must not restart together: each JVM draws its own jitter.
 */
class JitterTest {

	@Test
	void twoJvmsDrawDifferentJitterFromTheDefaultSource() throws Exception {
		String first = drawInANewJvm();
		String second = drawInANewJvm();

		assertThat(first).matches("\\[\\d+(, \\d+){" + (JitterDrawingMain.DRAWS - 1) + "}]");
		assertThat(second).matches("\\[\\d+(, \\d+){" + (JitterDrawingMain.DRAWS - 1) + "}]");
		assertThat(first).isNotEqualTo(second);
	}

	private static String drawInANewJvm() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				JitterDrawingMain.class.getName())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM drawing jitter ended").isTrue();
			assertThat(jvm.exitValue()).isZero();
			String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return output.lines().reduce((first, second) -> second).orElse("");
		}
		finally {
			jvm.destroyForcibly();
		}
	}

}
