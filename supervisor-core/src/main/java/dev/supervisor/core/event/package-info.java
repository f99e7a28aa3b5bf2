/**
 * Events the supervisor publishes to its listeners: immutable records whose {@code toString()} reads as a sentence.
 */
@NullMarked
package dev.supervisor.core.event;

import org.jspecify.annotations.NullMarked;
