/**
 * Micrometer observations of worker runs: each run an observation, and a span with tracing.
 */
@NullMarked
package dev.supervisor.observation;

import org.jspecify.annotations.NullMarked;
