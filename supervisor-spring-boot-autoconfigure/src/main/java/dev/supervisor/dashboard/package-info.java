/**
 * The web dashboard: static pages in the jar that read the {@code supervisor} actuator
 * endpoint, and the small configuration resource that tells them where it is.
 */
@NullMarked
package dev.supervisor.dashboard;

import org.jspecify.annotations.NullMarked;
