/**
 * Turning declared workers, properties and processes into registered workers.
 */
@NullMarked
package dev.supervisor.spring.registration;

import org.jspecify.annotations.NullMarked;
