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
 * <p>
 * Replicas can be {@linkplain #launch(int) launched} without waiting for them, so a long
 * failover series goes on with the replicas already up while replacements start: a JVM start
 * takes several seconds, a failover fewer. Replicas start from the extracted jar with a class
 * data sharing archive (see {@link ClassDataSharing}).
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
	void fill(int size) throws IOException, InterruptedException {
		List<Replica> started = launch(size);
		for (Replica replica : started) {
			try {
				replica.app().awaitReady(STARTUP);
				replica.ready = true;
			}
			catch (RuntimeException | AssertionError ex) {
				this.replicas.remove(replica);
				throw ex;
			}
		}
	}

	/**
	 * Start replicas until there are {@code size}, counting those still starting, without
	 * waiting for them; {@link #awaitOneLeader(Duration, int)} tells when enough are ready.
	 * @param size how many replicas there should be
	 * @return the replicas started now
	 */
	List<Replica> launch(int size) throws IOException, InterruptedException {
		ClassDataSharing.Launch launch = ClassDataSharing.prepare(JVM_OPTIONS, this.arguments);
		List<Replica> started = new ArrayList<>();
		while (this.replicas.size() < size) {
			String id = "replica-" + this.next++;
			List<String> replicaArguments = new ArrayList<>(this.arguments);
			replicaArguments.add("--sample.cluster.replica=" + id);
			SampleApp app = SampleApp.launch(launch.jar(), launch.jvmOptions(), replicaArguments.toArray(String[]::new));
			Replica replica = new Replica(id, app, System.nanoTime());
			this.replicas.add(replica);
			started.add(replica);
		}
		return started;
	}

	List<Replica> replicas() {
		return List.copyOf(this.replicas);
	}

	/** Wait until every replica is up, exactly one runs the singleton and the others stand by. */
	Replica awaitOneLeader(Duration timeout) {
		return awaitOneLeader(timeout, this.replicas.size());
	}

	/**
	 * Wait until at least {@code ready} replicas are up, exactly one of them runs the singleton
	 * and every other one that is up stands by; replicas still starting are left out.
	 * @param timeout the longest wait
	 * @param ready how many replicas must be up
	 * @return the replica that runs the singleton
	 */
	Replica awaitOneLeader(Duration timeout, int ready) {
		Replica[] leader = new Replica[1];
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			List<Replica> running = new ArrayList<>();
			int up = 0;
			for (Replica replica : this.replicas) {
				if (!replica.isReady()) {
					continue;
				}
				up++;
				String state = replica.state();
				assertThat(state).as("state on %s", replica.id()).isIn("RUNNING", "STANDBY");
				if (state.equals("RUNNING")) {
					running.add(replica);
				}
			}
			assertThat(up).as("replicas up").isGreaterThanOrEqualTo(ready);
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
	 */
	static final class Replica {

		private final String id;

		private final SampleApp app;

		private final long launchedAt;

		/** Set once its readiness probe answered; read and written by the test's threads. */
		private volatile boolean ready;

		private Replica(String id, SampleApp app, long launchedAt) {
			this.id = id;
			this.app = app;
			this.launchedAt = launchedAt;
		}

		/** Its name, written into its heartbeat rows. */
		String id() {
			return this.id;
		}

		SampleApp app() {
			return this.app;
		}

		/**
		 * Whether it is up: asks its readiness probe until it answers once. A replica that died
		 * or did not start within the start-up bound fails the test, with its log.
		 */
		boolean isReady() throws InterruptedException {
			if (this.ready) {
				return true;
			}
			assertThat(this.app.process().isAlive()).as("%s alive; log:%n%s", this.id, this.app.log()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - this.launchedAt))
				.as("start-up of %s; log:%n%s", this.id, this.app.log())
				.isLessThan(STARTUP);
			try {
				this.ready = this.app.get("/actuator/health/readiness").statusCode() == 200;
			}
			catch (IOException ex) {
				// Not listening yet.
				return false;
			}
			return this.ready;
		}

		String state() throws IOException, InterruptedException {
			return this.app.worker(SINGLETON).get("state").asString();
		}

		@Override
		public String toString() {
			return this.id;
		}

	}

}
