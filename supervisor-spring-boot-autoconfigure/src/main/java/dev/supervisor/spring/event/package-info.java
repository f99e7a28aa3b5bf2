/**
 * Publication of the engine's events to the application context.
 */
@NullMarked
package dev.supervisor.spring.event;

import org.jspecify.annotations.NullMarked;
