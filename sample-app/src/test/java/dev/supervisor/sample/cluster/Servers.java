package dev.supervisor.sample.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the throwaway servers share: finding programs and running PostgreSQL's as a user it
 * accepts.
 */
final class Servers {

	private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	private Servers() {
	}

	static Optional<String> onPath(String program) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, program))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst();
	}

	/** The command prefix that runs PostgreSQL's programs: as {@code postgres} when we are root. */
	static List<String> asPostgresUser() {
		return ROOT ? List.of("runuser", "-u", "postgres", "--") : List.of();
	}

	static void chownToPostgres(Path directory) throws IOException {
		if (ROOT) {
			UserPrincipal postgres = directory.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postgres");
			Files.setOwner(directory, postgres);
		}
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// Left in the temporary directory; the server is stopped, which is what matters.
		}
	}

}
