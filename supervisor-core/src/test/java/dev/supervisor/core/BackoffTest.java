package dev.supervisor.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

	@Test
	void growsByTheMultiplierUntilTheCap() {
		Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.0);
		assertThat(new Duration[] { backoff.delay(0, 0.3), backoff.delay(1, 0.3), backoff.delay(2, 0.3),
				backoff.delay(3, 0.3), backoff.delay(4, 0.3), backoff.delay(50, 0.3) })
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
					Duration.ofSeconds(10), Duration.ofSeconds(10));
	}

	@Test
	void multiplierOfOneIsAFixedDelay() {
		Backoff backoff = Backoff.of(Duration.ofMillis(500), Duration.ofMinutes(1), 1.0, 0.0);
		assertThat(backoff.delay(0, 0.9)).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.delay(20, 0.1)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void jitterSpreadsTheDelayWithinItsFraction() {
		Backoff backoff = Backoff.of(Duration.ofSeconds(4), Duration.ofMinutes(1), 2.0, 0.25);
		assertThat(backoff.delay(0, 0.0)).isEqualTo(Duration.ofSeconds(3));
		assertThat(backoff.delay(0, 0.5)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.delay(0, 0.999999)).isBetween(Duration.ofMillis(4999), Duration.ofSeconds(5));
	}

	@Test
	void jitterNeverTakesTheDelayAboveTheCap() {
		Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 1.0);
		for (double random = 0.0; random < 1.0; random += 0.05) {
			assertThat(backoff.delay(10, random)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
		}
		assertThat(backoff.delay(10, 0.99)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void hugeStepsDoNotOverflow() {
		Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofHours(1), 10.0, 0.0);
		assertThat(backoff.delay(Integer.MAX_VALUE, 0.5)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void noneHasNoDelay() {
		assertThat(Backoff.none().delay(5, 0.7)).isZero();
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.99, -1.0, Double.NaN, Double.POSITIVE_INFINITY })
	void rejectsAMultiplierBelowOne(double multiplier) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2), multiplier, 0.0))
			.withMessage("Invalid backoff.multiplier: " + multiplier + " (allowed: 1.0 or more)");
	}

	@ParameterizedTest
	@ValueSource(doubles = { -0.01, 1.01, Double.NaN })
	void rejectsJitterOutsideZeroToOne(double jitter) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2), 2.0, jitter))
			.withMessage("Invalid backoff.jitter: " + jitter + " (allowed: from 0.0 to 1.0)");
	}

	@Test
	void rejectsANegativeInitialDelay() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.of(Duration.ofSeconds(-1), Duration.ofSeconds(2), 2.0, 0.0))
			.withMessage("Invalid backoff.initial: PT-1S (allowed: zero or more)");
	}

	@Test
	void rejectsAMaximumBelowTheInitialDelay() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.of(Duration.ofSeconds(5), Duration.ofSeconds(2), 2.0, 0.0))
			.withMessage("Invalid backoff.max: PT2S (allowed: at least backoff.initial (PT5S))");
	}

}
