/**
 * The {@link dev.supervisor.annotation.Supervised @Supervised} annotation, read by the Spring Boot integration.
 */
@NullMarked
package dev.supervisor.annotation;

import org.jspecify.annotations.NullMarked;
