package dev.supervisor.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WorkerThreadsTest {

	@Test
	void workerRunsOnAThreadNamedAfterItWithItsNameInTheMdc() throws Exception {
		CompletableFuture<String> seen = new CompletableFuture<>();
		try (Supervisor supervisor = Supervisor.builder().build()) {
			supervisor.add(WorkerSpec.builder("mailer", (context) -> seen
				.complete(Thread.currentThread().getName() + " " + MDC.get("worker") + " " + context.name()))
				.restart(RestartPolicy.NEVER)
				.build());
			supervisor.start();
			assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("supervisor-mailer mailer mailer");
		}
	}

	@Test
	void platformThreadsAreDaemonsSoAStuckWorkerCannotHoldTheJvm() {
		assertThat(WorkerThreads.platform().newThread(() -> {
		}).isDaemon()).isTrue();
	}

	@Test
	void virtualThreadsRunWorkersWhereTheJvmHasThem() throws Exception {
		assumeTrue(WorkerThreads.virtualThreadsAvailable(), "virtual threads need Java 21+");
		CompletableFuture<Boolean> virtual = new CompletableFuture<>();
		CountDownLatch never = new CountDownLatch(1);
		try (Supervisor supervisor = Supervisor.builder().threadFactory(WorkerThreads.virtual()).build()) {
			supervisor.add(WorkerSpec.builder("light", (context) -> {
				virtual.complete((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
				never.await();
			}).build());
			supervisor.start();
			assertThat(virtual.get(10, TimeUnit.SECONDS)).isTrue();
			assertThat(supervisor.shutdown().isClean()).isTrue();
		}
	}

	@Test
	void virtualThreadsAreRefusedClearlyBeforeJava21() {
		assumeFalse(WorkerThreads.virtualThreadsAvailable(), "this JVM has virtual threads");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(WorkerThreads::virtual)
			.withMessageStartingWith("Virtual threads need Java 21 or later; this JVM is Java 17");
		assertThat(WorkerThreads.virtualIfAvailable().newThread(() -> {
		}).isDaemon()).isTrue();
	}

}
