/**
 * The supervisor's part in the application context's lifecycle, and its threads.
 */
@NullMarked
package dev.supervisor.spring.lifecycle;

import org.jspecify.annotations.NullMarked;
