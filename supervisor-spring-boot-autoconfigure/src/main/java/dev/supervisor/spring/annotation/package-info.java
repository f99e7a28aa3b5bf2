/**
 * Discovery of {@link dev.supervisor.annotation.Supervised @Supervised} beans and methods.
 */
@NullMarked
package dev.supervisor.spring.annotation;

import org.jspecify.annotations.NullMarked;
