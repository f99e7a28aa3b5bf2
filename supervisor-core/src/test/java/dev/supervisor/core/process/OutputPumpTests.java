package dev.supervisor.core.process;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How output becomes lines, especially where a long line is split.
 */
class OutputPumpTests {

	private static final int MAX = OutputPump.MAX_LINE_LENGTH;

	@Test
	void splitsALongLineIntoFullPiecesAndTheRest() {
		assertThat(lengths(pump("x".repeat(2 * MAX + 5) + "\n"))).containsExactly(MAX, MAX, 5);
	}

	@Test
	void aLineOfExactlyTheLimitIsOneLineWithoutAnEmptyOneAfterIt() {
		assertThat(lengths(pump("x".repeat(MAX) + "\nnext\n"))).containsExactly(MAX, 4);
		assertThat(lengths(pump("x".repeat(2 * MAX) + "\n"))).containsExactly(MAX, MAX);
		assertThat(lengths(pump("x".repeat(MAX) + "\r\nnext\r\n"))).containsExactly(MAX, 4);
	}

	@Test
	void aRealEmptyLineAfterALongLineIsKept() {
		assertThat(lengths(pump("x".repeat(MAX) + "\n\nlast\n"))).containsExactly(MAX, 0, 4);
	}

	@Test
	void aCarriageReturnAtTheCutStaysWithItsLineFeed() {
		List<String> lines = pump("x".repeat(MAX - 1) + "\r\nnext\n");
		assertThat(lines).containsExactly("x".repeat(MAX - 1), "next");
	}

	@Test
	void aSurrogatePairAtTheCutIsNeverSplit() {
		String smile = "\uD83D\uDE00";
		List<String> lines = pump("x".repeat(MAX - 1) + smile + "tail\n");
		assertThat(lines).containsExactly("x".repeat(MAX - 1), smile + "tail");
		assertThat(String.join("", lines).codePoints()).doesNotContain(0xFFFD);
		assertThat(lines).allSatisfy((line) -> {
			assertThat(Character.isHighSurrogate(line.charAt(line.length() - 1))).isFalse();
			assertThat(Character.isLowSurrogate(line.charAt(0))).isFalse();
		});
	}

	@Test
	void stripsTheCarriageReturnOfCrLfLines() {
		assertThat(pump("one\r\ntwo\r\n")).containsExactly("one", "two");
	}

	@Test
	void keepsAnUnterminatedLastLine() {
		assertThat(pump("one\ntwo")).containsExactly("one", "two");
	}

	private static List<String> pump(String output) {
		RingBuffer<OutputLine> buffer = new RingBuffer<>(1000);
		new OutputPump("test", new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)),
				StandardStream.STDOUT, buffer, NOPLogger.NOP_LOGGER, Clock.systemUTC())
			.run();
		return buffer.toList().stream().map(OutputLine::text).toList();
	}

	private static List<Integer> lengths(List<String> lines) {
		return lines.stream().map(String::length).toList();
	}

}
