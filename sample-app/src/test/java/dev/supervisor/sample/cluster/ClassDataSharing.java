package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

import dev.supervisor.sample.SampleApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample made to start faster for a fleet that starts it dozens of times: Spring Boot's
 * extracted layout of the packaged jar, and a class data sharing archive of the classes a start
 * loads, recorded by one training run that exits once the context is refreshed
 * ({@code -Dspring.context.exit=onRefresh}). Made once per test JVM, for the JVM running the
 * tests.
 */
final class ClassDataSharing {

	private static final Duration TRAINING = Duration.ofMinutes(4);

	/** Guarded by the class. */
	private static Launch prepared;

	private ClassDataSharing() {
	}

	/**
	 * How to start the sample with the archive, after a training run the first time.
	 * @param jvmOptions the options of the replicas' JVMs, the same for the training
	 * @param arguments the replicas' arguments, with which the training run starts
	 * @return the jar and the JVM options to start it with
	 */
	static synchronized Launch prepare(List<String> jvmOptions, List<String> arguments)
			throws IOException, InterruptedException {
		if (prepared == null) {
			prepared = train(jvmOptions, arguments);
		}
		return prepared;
	}

	private static Launch train(List<String> jvmOptions, List<String> arguments)
			throws IOException, InterruptedException {
		Path jar = SampleApp.packagedJar();
		Path directory = jar.toAbsolutePath().resolveSibling("cds-jdk" + Runtime.version().feature());
		FileSystemUtils.deleteRecursively(directory);
		run("extract", List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				directory.toString()));
		Path extracted = directory.resolve(jar.getFileName());
		assertThat(extracted).as("the extracted jar").exists();
		Path archive = directory.resolve("sample.jsa");
		List<String> training = new ArrayList<>(List.of(java()));
		training.addAll(jvmOptions);
		training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
				extracted.toString(), "--server.port=0", "--sample.cluster.replica=training"));
		training.addAll(arguments);
		run("training run", training);
		assertThat(archive).as("the class data sharing archive of the training run").exists();
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-XX:SharedArchiveFile=" + archive);
		return new Launch(extracted, List.copyOf(options));
	}

	private static void run(String what, List<String> command) throws IOException, InterruptedException {
		Path log = Files.createTempFile("sample-app-cds", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			assertThat(process.waitFor(TRAINING.toSeconds(), TimeUnit.SECONDS)).as("%s ended; log:%n%s", what,
					Files.readString(log)).isTrue();
			assertThat(process.exitValue()).as("exit code of the %s; log:%n%s", what, Files.readString(log)).isZero();
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * How to start the sample.
	 *
	 * @param jar the extracted jar
	 * @param jvmOptions the JVM options, the archive's included
	 */
	record Launch(Path jar, List<String> jvmOptions) {

	}

}
