package dev.supervisor.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RingBufferTests {

	@Test
	void keepsElementsInOrderUntilFull() {
		RingBuffer<Integer> buffer = new RingBuffer<>(3);
		buffer.add(1);
		buffer.add(2);
		assertThat(buffer.toList()).containsExactly(1, 2);
	}

	@Test
	void dropsTheOldestWhenFull() {
		RingBuffer<Integer> buffer = new RingBuffer<>(3);
		IntStream.rangeClosed(1, 10).forEach(buffer::add);
		assertThat(buffer.toList()).containsExactly(8, 9, 10);
	}

	@Test
	void dropsTheOldestWhileOverItsWeight() {
		RingBuffer<String> buffer = new RingBuffer<>(100, 10, String::length);
		buffer.add("aaaa");
		buffer.add("bbbb");
		buffer.add("cccc");
		assertThat(buffer.toList()).containsExactly("bbbb", "cccc");
		assertThat(buffer.weight()).isEqualTo(8);
		buffer.add("dddddddd");
		assertThat(buffer.toList()).containsExactly("dddddddd");
	}

	@Test
	void keepsTheNewestElementEvenWhenItAloneIsOverweight() {
		RingBuffer<String> buffer = new RingBuffer<>(100, 3, String::length);
		buffer.add("a");
		buffer.add("heavy");
		assertThat(buffer.toList()).containsExactly("heavy");
		assertThat(buffer.weight()).isEqualTo(5);
	}

	@Test
	void countsWeightOutAsElementsAreDroppedByCount() {
		RingBuffer<String> buffer = new RingBuffer<>(2, 100, String::length);
		IntStream.rangeClosed(1, 10).forEach((i) -> buffer.add("x".repeat(i)));
		assertThat(buffer.toList()).containsExactly("x".repeat(9), "x".repeat(10));
		assertThat(buffer.weight()).isEqualTo(19);
	}

	@Test
	void keepsNothingWithCapacityZero() {
		RingBuffer<Integer> buffer = new RingBuffer<>(0);
		buffer.add(1);
		assertThat(buffer.toList()).isEmpty();
	}

	@Test
	void rejectsANegativeCapacity() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RingBuffer<>(-1))
			.withMessage("Invalid ring buffer capacity: -1 (allowed: 0 or more)");
	}

	@Test
	void returnsACopyThatLaterAddsDoNotChange() {
		RingBuffer<Integer> buffer = new RingBuffer<>(2);
		buffer.add(1);
		List<Integer> copy = buffer.toList();
		buffer.add(2);
		assertThat(copy).containsExactly(1);
	}

	@Test
	void staysBoundedAndKeepsEachWritersOrderUnderConcurrentAdds() throws InterruptedException {
		RingBuffer<String> buffer = new RingBuffer<>(100);
		List<Thread> writers = new ArrayList<>();
		for (String writer : List.of("a", "b", "c", "d")) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					buffer.add(writer + ":" + i);
				}
			});
			writers.add(thread);
			thread.start();
		}
		for (Thread writer : writers) {
			writer.join();
		}
		List<String> kept = buffer.toList();
		assertThat(kept).hasSize(100).doesNotContainNull();
		for (String writer : List.of("a", "b", "c", "d")) {
			List<Integer> numbers = kept.stream()
				.filter((element) -> element.startsWith(writer + ":"))
				.map((element) -> Integer.parseInt(element.substring(2)))
				.toList();
			assertThat(numbers).isSorted();
		}
	}

}
