/**
 * Failure analysis for wrongly declared workers.
 */
@NullMarked
package dev.supervisor.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
