/**
 * The supervision engine: workers, their specs, restart policies, backoff and the supervisor that runs them.
 */
@NullMarked
package dev.supervisor.core;

import org.jspecify.annotations.NullMarked;
