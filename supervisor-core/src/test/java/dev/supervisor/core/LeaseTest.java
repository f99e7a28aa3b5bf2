package dev.supervisor.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lease measured by the monotonic clock.
 */
class LeaseTest {

	private final ManualScheduler clock = new ManualScheduler();

	@Test
	void isValidForItsValidityAfterTheLastRenewal() {
		Lease lease = Lease.renewedAt(this.clock, Duration.ofSeconds(5), this.clock.nanoTime());
		this.clock.advance(Duration.ofSeconds(4));
		lease.renew(lease.now());
		this.clock.advance(Duration.ofSeconds(4));

		assertThat(lease.isValid()).isTrue();
		assertThat(lease.remaining()).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(lease.isValid()).isFalse();
		assertThat(lease.remaining()).isZero();
	}

	@Test
	void renewalThatBeganEarlierThanTheLastOneDoesNotShortenIt() {
		Lease lease = Lease.renewedAt(this.clock, Duration.ofSeconds(5), this.clock.nanoTime());
		long early = lease.now();
		this.clock.advance(Duration.ofSeconds(2));
		lease.renew(lease.now());
		lease.renew(early);

		assertThat(lease.remaining()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void nonPositiveValidityIsRefusedWithTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Lease.renewedAt(this.clock, Duration.ZERO, 0))
			.withMessage("Invalid lease validity: PT0S (allowed: a positive duration of at most 292 years)");
	}

}
