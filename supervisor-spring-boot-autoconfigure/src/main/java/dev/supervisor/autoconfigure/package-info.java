/**
 * Auto-configuration of the supervisor and its configuration properties: only {@code *AutoConfiguration} classes and {@code @ConfigurationProperties} types live here.
 */
@NullMarked
package dev.supervisor.autoconfigure;

import org.jspecify.annotations.NullMarked;
