/**
 * Supervising the worker tables of an application: every {@code WorkerTable} bean, configured by
 * {@code supervisor.tables.<name>}.
 */
@NullMarked
package dev.supervisor.spring.table;

import org.jspecify.annotations.NullMarked;
