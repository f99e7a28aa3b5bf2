/**
 * The {@code supervisor} actuator endpoint: workers, their runs and process output, and control by name.
 */
@NullMarked
package dev.supervisor.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
