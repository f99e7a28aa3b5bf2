package dev.supervisor.core.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.Supervisor;

/**
 * A JVM that supervises processes whose trees used to escape and never stops them itself:
 * each writes the pid of its escaping process to the file named by the first argument; once
 * all are written, the file named by the second argument appears. Only the JVM shutdown hook
 * can stop them.
 */
public final class EscapingProcessesMain {

	/** How many escaping pids the processes write. */
	static final int ESCAPEES = 3;

	private EscapingProcessesMain() {
	}

	public static void main(String[] args) throws Exception {
		Path pids = Path.of(args[0]);
		Path ready = Path.of(args[1]);
		// Everything the supervisor and the shutdown hook say explains a failure of the test.
		for (String name : List.of(Logger.ROOT_LOGGER_NAME, "supervisor.process", Supervisor.class.getName())) {
			((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
		}
		Supervisor supervisor = Supervisor.builder().build();
		List<String> scripts = List.of("(sleep 1000 & echo $! >> \"$PIDS\"); sleep 1000",
				"trap 'sleep 1000 & echo $! >> \"$PIDS\"; exit 0' TERM; echo $$ >> \"$PIDS\"; "
						+ "while true; do sleep 0.1; done",
				"sh -c 'trap \"\" TERM; sleep 1000 & echo $! >> \"$PIDS\"; wait' & wait");
		for (int i = 0; i < scripts.size(); i++) {
			ProcessWorker worker = new ProcessWorker(ProcessSpec.builder("shape-" + i, "sh", "-c", scripts.get(i))
				.environment("PIDS", pids.toString())
				.stopTimeout(Duration.ofMillis(500))
				.build());
			supervisor.add(worker.workerSpec().build());
		}
		supervisor.start();
		while (!Files.exists(pids) || Files.readAllLines(pids).size() < ESCAPEES) {
			Thread.sleep(10);
		}
		Files.createFile(ready);
		new CountDownLatch(1).await();
	}

}
