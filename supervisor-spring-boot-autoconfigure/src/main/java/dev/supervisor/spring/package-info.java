/**
 * The Spring integration of the supervisor: what applications implement or define to change
 * it, such as {@link dev.supervisor.spring.SupervisorCustomizer}.
 */
@NullMarked
package dev.supervisor.spring;

import org.jspecify.annotations.NullMarked;
