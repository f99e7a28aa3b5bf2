package dev.supervisor.autoconfigure;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of one worker table: the settings of each of its workers (merged like any worker's,
 * over the table's own settings and {@code supervisor.defaults}), plus how its key source is
 * read. The worker settings are bound from the table's own keys, as a process's are (see
 * {@link ProcessProperties}).
 *
 * @param worker the settings of each of the table's workers
 * @param refresh Time between the end of one pass over the key source and the start of the
 * next; the table's own when not set.
 * @param readTimeout Maximum time one read of the key source may take; the table's own when not
 * set.
 * @param maxPerInstance Maximum number of the table's keys one instance of the cluster leads at
 * once; only with singleton set to true, where each key is its own singleton. No cap when not
 * set.
 * @param perKeyTags Whether the meters of the table's workers are tagged with each worker's name
 * rather than the table's name; one series per key can be many.
 */
public record TableProperties(@JsonUnwrapped @Name("") @DefaultValue WorkerProperties worker,
		@Nullable Duration refresh, @Nullable Duration readTimeout, @Nullable Integer maxPerInstance,
		@DefaultValue("false") boolean perKeyTags) {

}
