package dev.supervisor.core.internal;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.supervisor.core.Scheduler;

import static org.assertj.core.api.Assertions.assertThat;

class WallClockTest {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final SettableClocks clocks = new SettableClocks();

	@Test
	void instantsWithinASecondFollowTheMonotonicClockWithoutReadingTheWallClock() {
		WallClock clock = new WallClock(this.clocks);
		this.clocks.nanos = 250_000_000L;
		// The wall clock is stepped back an hour, but is not read again within the second.
		this.clocks.wall = START.minus(Duration.ofHours(1));

		assertThat(clock.at(this.clocks.nanos)).isEqualTo(START.plusMillis(250));
		assertThat(this.clocks.wallReadings).isEqualTo(1);
	}

	@Test
	void theWallClockIsReadAgainOnceTheBaseIsASecondOld() {
		WallClock clock = new WallClock(this.clocks);
		this.clocks.nanos = 1_000_000_000L;
		this.clocks.wall = START.minus(Duration.ofHours(1));

		assertThat(clock.now()).isEqualTo(START.minus(Duration.ofHours(1)));
		this.clocks.nanos += 10_000_000L;
		assertThat(clock.now()).isEqualTo(START.minus(Duration.ofHours(1)).plusMillis(10));
		assertThat(this.clocks.wallReadings).isEqualTo(2);
	}

	@Test
	void aReadingTakenBeforeTheBaseMapsToAnEarlierInstant() {
		WallClock clock = new WallClock(this.clocks);

		assertThat(clock.at(-5_000_000L)).isEqualTo(START.minusMillis(5));
	}

	private static final class SettableClocks implements Scheduler {

		Instant wall = START;

		long nanos;

		int wallReadings;

		@Override
		public Instant now() {
			this.wallReadings++;
			return this.wall;
		}

		@Override
		public long nanoTime() {
			return this.nanos;
		}

		@Override
		public Cancellable schedule(Runnable task, Duration delay) {
			throw new UnsupportedOperationException("not used");
		}

	}

}
