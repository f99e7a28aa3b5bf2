package dev.supervisor.sample;

import org.springframework.stereotype.Component;

import dev.supervisor.annotation.Supervised;

/**
 * A worker that can never succeed: its configuration points at a directory that does not
 * exist. It exhausts its restart limit and goes FATAL. It is not critical, so health stays UP.
 */
@Component
public class LegacyImporter {

	@Supervised(name = "importer", critical = "false")
	public void importFiles() {
		throw new IllegalStateException("import directory /var/import does not exist");
	}

}
