package dev.supervisor.core.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.supervisor.core.Supervisor;

/**
 * A JVM that supervises processes and never stops them itself: it starts a plain process and a
 * tree that ignores SIGTERM, writes their pids to the file named by its argument, and waits to
 * be terminated. Only the JVM shutdown hook can stop its processes.
 */
public final class ProcessKeepingMain {

	private ProcessKeepingMain() {
	}

	public static void main(String[] args) throws Exception {
		Path pidFile = Path.of(args[0]);
		Supervisor supervisor = Supervisor.builder().build();
		ProcessWorker plain = new ProcessWorker(ProcessSpec.builder("plain", "sleep", "1000").build());
		ProcessWorker stubborn = new ProcessWorker(
				ProcessSpec.builder("stubborn", "sh", "-c", "trap '' TERM; sleep 1000 & sleep 1000 & wait")
					.stopTimeout(Duration.ofMillis(300))
					.build());
		supervisor.add(plain.workerSpec().build());
		supervisor.add(stubborn.workerSpec().build());
		supervisor.start();
		List<Long> pids = new ArrayList<>();
		while (pids.size() < 4) {
			Thread.sleep(10);
			pids.clear();
			for (ProcessWorker worker : List.of(plain, stubborn)) {
				ProcessSnapshot snapshot = worker.snapshot();
				if (snapshot.alive()) {
					pids.add(snapshot.pid());
					ProcessHandle.of(snapshot.pid())
						.ifPresent((handle) -> handle.descendants().forEach((child) -> pids.add(child.pid())));
				}
			}
		}
		Path written = Files.write(pidFile.resolveSibling(pidFile.getFileName() + ".tmp"),
				pids.stream().map(String::valueOf).toList());
		Files.move(written, pidFile, StandardCopyOption.ATOMIC_MOVE);
		new CountDownLatch(1).await();
	}

}
