package dev.supervisor.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.WorkerContext;

/**
 * Three workers that only make sense together: a fetcher feeds a parser through an in-memory
 * queue, and the parser feeds a writer. They form the {@code pipeline} group
 * ({@code rest-for-one}, see {@code application.yml}): when the parser fails, the writer after
 * it is stopped too and both start again in order, with fresh queues, while the fetcher keeps
 * running. The parser fails on every 300th item (once a minute) to show it.
 */
@Component
public class Pipeline {

	private static final Logger logger = LoggerFactory.getLogger(Pipeline.class);

	private volatile BlockingQueue<Long> fetched = new LinkedBlockingQueue<>(100);

	private volatile BlockingQueue<String> parsed = new LinkedBlockingQueue<>(100);

	private final AtomicLong written = new AtomicLong();

	@Supervised("fetcher")
	void fetch(WorkerContext context) throws InterruptedException {
		long item = 0;
		while (context.sleep(Duration.ofMillis(200))) {
			this.fetched.offer(++item);
		}
	}

	@Supervised("parser")
	void parse(WorkerContext context) throws InterruptedException, IOException {
		// A fresh queue for the writer, which the group starts again after this worker.
		this.parsed = new LinkedBlockingQueue<>(100);
		while (!context.isStopRequested()) {
			long item = this.fetched.take();
			if (item % 300 == 0) {
				throw new IOException("cannot parse item " + item);
			}
			this.parsed.put("item-" + item);
		}
	}

	@Supervised("writer")
	void write(WorkerContext context) throws InterruptedException {
		BlockingQueue<String> input = this.parsed;
		while (!context.isStopRequested()) {
			String item = input.take();
			if (this.written.incrementAndGet() % 50 == 0) {
				logger.info("Wrote {} items, the last {}", this.written.get(), item);
			}
		}
	}

}
