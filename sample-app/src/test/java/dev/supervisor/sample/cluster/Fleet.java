package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.supervisor.sample.SampleApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas of the packaged sample application, each its own JVM, sharing the cluster settings.
 */
final class Fleet implements AutoCloseable {

	static final String SINGLETON = "reconciler";

	/** Several JVMs start at once on a small, busy machine: start them lean, wait long. */
	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xmx256m");

	private static final Duration STARTUP = Duration.ofMinutes(4);

	private final List<String> arguments;

	private final List<Replica> replicas = new CopyOnWriteArrayList<>();

	private int next = 1;

	Fleet(List<String> arguments) {
		this.arguments = List.copyOf(arguments);
	}

	/** Start replicas until there are {@code size}, and wait until all are ready. */
	void fill(int size) throws IOException {
		List<Replica> started = new ArrayList<>();
		while (this.replicas.size() < size) {
			String id = "replica-" + this.next++;
			List<String> replicaArguments = new ArrayList<>(this.arguments);
			replicaArguments.add("--sample.cluster.replica=" + id);
			Replica replica = new Replica(id, SampleApp.launch(JVM_OPTIONS, replicaArguments.toArray(String[]::new)));
			this.replicas.add(replica);
			started.add(replica);
		}
		for (Replica replica : started) {
			try {
				replica.app().awaitReady(STARTUP);
			}
			catch (RuntimeException | AssertionError ex) {
				this.replicas.remove(replica);
				throw ex;
			}
		}
	}

	List<Replica> replicas() {
		return List.copyOf(this.replicas);
	}

	/** Wait until exactly one replica runs the singleton and every other one is in standby. */
	Replica awaitOneLeader(Duration timeout) {
		Replica[] leader = new Replica[1];
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			List<Replica> running = new ArrayList<>();
			for (Replica replica : this.replicas) {
				String state = replica.state();
				assertThat(state).as("state on %s", replica.id()).isIn("RUNNING", "STANDBY");
				if (state.equals("RUNNING")) {
					running.add(replica);
				}
			}
			assertThat(running).as("replicas running the singleton").hasSize(1);
			leader[0] = running.get(0);
		});
		return leader[0];
	}

	/** Kill a replica with SIGKILL and forget it. */
	void kill(Replica replica) throws InterruptedException {
		this.replicas.remove(replica);
		replica.app().process().destroyForcibly();
		replica.app().process().waitFor(30, TimeUnit.SECONDS);
	}

	/** Stop a replica with SIGTERM, as an orchestrator does, and forget it once it exited. */
	void terminate(Replica replica) throws InterruptedException {
		this.replicas.remove(replica);
		replica.app().process().destroy();
		assertThat(replica.app().process().waitFor(60, TimeUnit.SECONDS)).as("replica exited after SIGTERM").isTrue();
	}

	static void signal(Replica replica, String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(replica.app().process().pid())).start();
		assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
	}

	@Override
	public void close() {
		for (Replica replica : this.replicas) {
			replica.app().close();
		}
		this.replicas.clear();
	}

	/**
	 * One replica.
	 *
	 * @param id its name, written into its heartbeat rows
	 * @param app its process
	 */
	record Replica(String id, SampleApp app) {

		String state() throws IOException, InterruptedException {
			return this.app.worker(SINGLETON).get("state").asString();
		}

	}

}
