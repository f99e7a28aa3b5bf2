/**
 * What happens to the application when a worker with {@code escalation: shutdown} is given up.
 */
@NullMarked
package dev.supervisor.spring.escalation;

import org.jspecify.annotations.NullMarked;
