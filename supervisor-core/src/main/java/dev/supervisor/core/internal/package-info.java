/**
 * Implementation of the engine; not an API.
 */
@NullMarked
package dev.supervisor.core.internal;

import org.jspecify.annotations.NullMarked;
