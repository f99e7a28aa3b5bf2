/**
 * The {@code supervisor} health contributor.
 */
@NullMarked
package dev.supervisor.actuate.health;

import org.jspecify.annotations.NullMarked;
