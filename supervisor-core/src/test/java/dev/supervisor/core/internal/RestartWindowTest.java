package dev.supervisor.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart window holds primitive timestamps, never more than the limit allows.
 */
class RestartWindowTest {

	@Test
	void allowsTheLimitWithinTheWindowAndRefusesOneMore() {
		RestartWindow window = new RestartWindow(3, 100);
		assertThat(window.tryRestart(0)).isEqualTo(1);
		assertThat(window.tryRestart(10)).isEqualTo(2);
		assertThat(window.tryRestart(20)).isEqualTo(3);
		assertThat(window.tryRestart(30)).isEqualTo(-1);
		assertThat(window.tryRestart(100)).as("the first restart left the window").isEqualTo(3);
	}

	@Test
	void holdsNoMoreTimestampsThanTheLimit() {
		RestartWindow window = new RestartWindow(3, Long.MAX_VALUE);
		for (int i = 0; i < 10; i++) {
			window.tryRestart(i);
		}
		assertThat(window.size()).isEqualTo(3);
		assertThat(window.capacity()).isEqualTo(3);
	}

	@Test
	void aMillionRestartsUnderAHugeLimitTakeAMillionPrimitiveSlotsAtMostTwice() {
		RestartWindow window = new RestartWindow(Integer.MAX_VALUE, Long.MAX_VALUE);
		for (int i = 1; i <= 1_000_000; i++) {
			assertThat(window.tryRestart(i)).isEqualTo(i);
		}
		assertThat(window.size()).isEqualTo(1_000_000);
		// A long[] of this capacity: 8 bytes a restart, against about 30 for a boxed Long.
		assertThat(window.capacity()).isBetween(1_000_000, 2_000_000);
	}

	@Test
	void forgetsRestartsThatLeftTheWindowSoItStaysSmallUnderSteadyRestarts() {
		RestartWindow window = new RestartWindow(Integer.MAX_VALUE, 10);
		for (long now = 0; now < 1_000_000; now++) {
			window.tryRestart(now);
		}
		assertThat(window.size()).isEqualTo(10);
		assertThat(window.capacity()).isLessThanOrEqualTo(16);
	}

	@Test
	void aWindowOfLongMaxValueNanosecondsNeverOverflows() {
		RestartWindow window = new RestartWindow(1, Long.MAX_VALUE);
		assertThat(window.tryRestart(Long.MIN_VALUE + 1)).isEqualTo(1);
		assertThat(window.tryRestart(Long.MAX_VALUE - 1)).isEqualTo(-1);
	}

	@Test
	void unlimitedRestartsKeepNothing() {
		RestartWindow window = new RestartWindow(-1, 100);
		assertThat(window.tryRestart(1)).isZero();
		assertThat(window.capacity()).isZero();
	}

}
