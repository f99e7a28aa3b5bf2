/**
 * Micrometer meters of supervised workers.
 */
@NullMarked
package dev.supervisor.actuate.metrics;

import org.jspecify.annotations.NullMarked;
