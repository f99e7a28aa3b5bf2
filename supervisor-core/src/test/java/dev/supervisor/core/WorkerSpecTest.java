package dev.supervisor.core;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkerSpecTest {

	private static final Worker NOTHING = (context) -> {
	};

	@Test
	void holdsTheDocumentedDefaults() {
		WorkerSpec spec = WorkerSpec.builder("mailer", NOTHING).build();
		assertThat(spec.restart()).isEqualTo(RestartPolicy.ON_FAILURE);
		assertThat(spec.maxRestarts()).isEqualTo(5);
		assertThat(spec.restartWindow()).isEqualTo(Duration.ofMinutes(1));
		assertThat(spec.healthyAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(spec.startDelay()).isZero();
		assertThat(spec.backoff()).isEqualTo(Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.2));
		assertThat(spec.escalation()).isEqualTo(Escalation.NONE);
		assertThat(spec.critical()).isTrue();
		assertThat(spec.autoStartup()).isTrue();
	}

	@Test
	void toBuilderCopiesEveryValue() {
		WorkerSpec spec = WorkerSpec.builder("mailer", NOTHING)
			.restart(RestartPolicy.ALWAYS)
			.maxRestarts(-1)
			.restartWindow(Duration.ofSeconds(7))
			.healthyAfter(Duration.ofSeconds(8))
			.startDelay(Duration.ofSeconds(9))
			.backoff(Backoff.fixed(Duration.ofSeconds(3)))
			.escalation(Escalation.SHUTDOWN)
			.critical(false)
			.autoStartup(false)
			.build();
		assertThat(spec.toBuilder().build()).usingRecursiveComparison().isEqualTo(spec);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "-leading-dash", "has space", "slash/inside", "question?", "ümlaut" })
	void rejectsNamesThatCannotBeUsedInUrlsOrThreadNames(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSpec.builder(name, NOTHING).build())
			.withMessageStartingWith("Invalid worker name: '" + name + "' (allowed: ");
	}

	@Test
	void acceptsBeanStyleNames() {
		assertThat(WorkerSpec.builder("orderService.poll", NOTHING).build().name()).isEqualTo("orderService.poll");
		assertThat(WorkerSpec.builder("my-worker_2", NOTHING).build().name()).isEqualTo("my-worker_2");
	}

	static Stream<Arguments> invalidValues() {
		return Stream.of(
				invalid("maxRestarts", (b) -> b.maxRestarts(-2), "-2 (allowed: -1 for unlimited, or 0 and more)"),
				invalid("restartWindow", (b) -> b.restartWindow(Duration.ZERO), "PT0S (allowed: a positive duration)"),
				invalid("restartWindow", (b) -> b.restartWindow(null), "null (allowed: a positive duration)"),
				invalid("healthyAfter", (b) -> b.healthyAfter(Duration.ofSeconds(-1)), "PT-1S (allowed: zero or more)"),
				invalid("startDelay", (b) -> b.startDelay(Duration.ofMillis(-5)), "PT-0.005S (allowed: zero or more)"),
				invalid("restart", (b) -> b.restart(null), "null (allowed: one of NEVER, ALWAYS, ON_FAILURE)"),
				invalid("escalation", (b) -> b.escalation(null), "null (allowed: one of NONE, SHUTDOWN)"),
				invalid("backoff", (b) -> b.backoff(null), "null (allowed: a Backoff instance)"));
	}

	private static Arguments invalid(String field, UnaryOperator<WorkerSpec.Builder> change, String detail) {
		return Arguments.of(field, change, detail);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void rejectsAnInvalidValueNamingTheWorkerFieldAndAllowedRange(String field,
			UnaryOperator<WorkerSpec.Builder> change, String detail) {
		WorkerSpec.Builder builder = change.apply(WorkerSpec.builder("mailer", NOTHING));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("Invalid " + field + " for worker 'mailer': " + detail);
	}

	@Test
	void rejectsAMissingWorker() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkerSpec.builder("mailer", null).build())
			.withMessage("Invalid worker for worker 'mailer': null (allowed: a Worker instance)");
	}

}
