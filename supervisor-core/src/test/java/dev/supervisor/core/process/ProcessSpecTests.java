package dev.supervisor.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.supervisor.core.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProcessSpecTests {

	@Test
	void hasTheDocumentedDefaults() {
		ProcessSpec spec = ProcessSpec.builder("redis", "redis-server", "--port", "6380").build();
		assertThat(spec.name()).isEqualTo("redis");
		assertThat(spec.command()).containsExactly("redis-server", "--port", "6380");
		assertThat(spec.workingDirectory()).isNull();
		assertThat(spec.environment()).isEmpty();
		assertThat(spec.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(spec.successExitCodes()).containsExactly(0);
		assertThat(spec.outputLines()).isEqualTo(200);
		assertThat(spec.inheritEnvironment()).isTrue();
		assertThat(spec.passEnvironment()).isEmpty();
	}

	@Test
	void isNotChangedByLaterChangesToItsInputs() {
		List<String> command = new ArrayList<>(List.of("sleep", "1"));
		ProcessSpec.Builder builder = ProcessSpec.builder("sleeper", command).environment("A", "1");
		ProcessSpec spec = builder.build();
		command.add("2");
		builder.environment("B", "2");
		assertThat(spec.command()).containsExactly("sleep", "1");
		assertThat(spec.environment()).containsOnlyKeys("A");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> spec.command().add("x"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> spec.environment().put("x", "y"));
	}

	@Test
	void toBuilderCopiesEveryValue() {
		ProcessSpec spec = ProcessSpec.builder("web", "python3", "-m", "http.server")
			.workingDirectory(Path.of("/srv"))
			.environment(Map.of("PORT", "8000"))
			.inheritEnvironment(false)
			.passEnvironment("PATH", "LANG")
			.stopTimeout(Duration.ofSeconds(3))
			.successExitCodes(0, 143)
			.outputLines(50)
			.build();
		ProcessSpec copy = spec.toBuilder().build();
		assertThat(copy).hasToString(spec.toString());
		assertThat(copy.command()).isEqualTo(spec.command());
		assertThat(copy.environment()).isEqualTo(spec.environment());
	}

	@Test
	void toStringShowsEnvironmentKeysButNeverValues() {
		ProcessSpec spec = ProcessSpec.builder("api", "run-api").environment("API_TOKEN", "s3cr3t-value").build();
		assertThat(spec.toString()).contains("API_TOKEN").doesNotContain("s3cr3t-value");
	}

	@Test
	void rejectsAnInvalidName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("bad name", "true").build())
			.withMessageStartingWith("Invalid process name: 'bad name' (allowed: ");
	}

	@Test
	void rejectsAnEmptyCommand() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("p", List.of()).build())
			.withMessage("Invalid command for process 'p': [] (allowed: a program and its arguments, at least one element)");
	}

	@Test
	void toStringNamesTheProgramButNeverAnArgument() {
		ProcessSpec spec = ProcessSpec.builder("api", "run-api", "--password=hunter2").build();
		assertThat(spec.toString()).contains("program=run-api, arguments=1").doesNotContain("hunter2");
	}

	@Test
	void rejectsANullCommandElementWithoutShowingTheArguments() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", Arrays.asList("tool", "--password=hunter2", null)).build())
			.withMessage("Invalid command for process 'p': program 'tool' with 2 arguments (not shown) "
					+ "(allowed: no null elements)");
	}

	@Test
	void rejectsPassEnvironmentWhileTheWholeEnvironmentIsInherited() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").passEnvironment("PATH").build())
			.withMessage("Invalid passEnvironment for process 'p': [PATH] (allowed: no names while "
					+ "inheritEnvironment is true, which passes every variable; set inheritEnvironment to false "
					+ "to pass only these)");
	}

	@Test
	void rejectsAPassEnvironmentNameWithEquals() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").inheritEnvironment(false)
				.passEnvironment("PATH", "A=B")
				.build())
			.withMessageStartingWith("Invalid passEnvironment for process 'p': [PATH, A=B] (allowed: names of variables");
	}

	@Test
	void rejectsAProgramWithoutPathWhenTheProcessHasNoPathToFindItOn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "redis-server", "--requirepass", "hunter2")
				.inheritEnvironment(false)
				.passEnvironment("LANG")
				.build())
			.withMessage("Invalid command[0] for process 'p': 'redis-server' (allowed: a program path containing "
					+ "'/', since with inheritEnvironment false the process has no PATH to find it on; or add PATH to "
					+ "passEnvironment or environment)");
	}

	@Test
	void acceptsAProgramWithoutPathWhenTheProcessGetsAPath() {
		assertThat(ProcessSpec.builder("p", "true").inheritEnvironment(false).passEnvironment("PATH").build()
			.passEnvironment()).containsExactly("PATH");
		assertThat(ProcessSpec.builder("p", "true").inheritEnvironment(false).environment("PATH", "/bin").build()
			.inheritEnvironment()).isFalse();
		assertThat(ProcessSpec.builder("p", "/bin/true").inheritEnvironment(false).build().program())
			.isEqualTo("/bin/true");
	}

	@Test
	void rejectsABlankProgram() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("p", " ", "x").build())
			.withMessageContaining("a program name that is not blank");
	}

	@Test
	void rejectsANegativeStopTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").stopTimeout(Duration.ofSeconds(-1)).build())
			.withMessage("Invalid stopTimeout for process 'p': PT-1S (allowed: zero or more)");
	}

	@Test
	void rejectsNoSuccessExitCodes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").successExitCodes(List.of()).build())
			.withMessage("Invalid successExitCodes for process 'p': [] (allowed: at least one exit code)");
	}

	@Test
	void rejectsAnExitCodeOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").successExitCodes(0, 256).build())
			.withMessage("Invalid successExitCodes for process 'p': [0, 256] (allowed: exit codes from 0 to 255)");
	}

	@Test
	void rejectsOutputLinesOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").outputLines(-1).build())
			.withMessage("Invalid outputLines for process 'p': -1 (allowed: 0 to 10000)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").outputLines(10_001).build())
			.withMessage("Invalid outputLines for process 'p': 10001 (allowed: 0 to 10000)");
	}

	@Test
	void rejectsAnEnvironmentKeyWithEquals() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").environment("A=B", "secret-value").build())
			.withMessage("Invalid environment key for process 'p': 'A=B' "
					+ "(allowed: a non-empty name without '=' or NUL)");
	}

	@Test
	void rejectsANullEnvironmentValueWithoutShowingValues() {
		Map<String, String> environment = new HashMap<>();
		environment.put("TOKEN", null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("p", "true").environment(environment).build())
			.withMessage("Invalid environment value of TOKEN for process 'p': (hidden) (allowed: a value without NUL, not null)");
	}

	@Test
	void requireProgramAcceptsAProgramOnThePathTheProcessSees() {
		ProcessSpec.builder("p", "sh", "-c", "true").build().requireProgram();
	}

	@Test
	void requireProgramRefusesAPathThatDoesNotExist(@TempDir Path directory) {
		Path missing = directory.resolve("no-such-program");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ProcessSpec.builder("p", missing.toString()).build().requireProgram())
			.withMessage("The program " + missing + " does not exist")
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("command[0]"));
	}

	@Test
	void requireProgramRefusesAFileThatIsNotExecutable(@TempDir Path directory) throws IOException {
		Path script = Files.writeString(directory.resolve("script"), "echo hi\n");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ProcessSpec.builder("p", "./script").workingDirectory(directory).build().requireProgram())
			.withMessage("The program " + directory.resolve("./script") + " is not an executable file");
	}

	@Test
	void requireProgramLooksOnTheProcessesOwnPathWithoutShowingIt(@TempDir Path directory) {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ProcessSpec.builder("p", "sh", "--secret")
				.environment(Map.of("PATH", directory.toString()))
				.build()
				.requireProgram())
			.withMessage("No executable program 'sh' was found on its environment.PATH; install it, or give its "
					+ "absolute path");
	}

}
