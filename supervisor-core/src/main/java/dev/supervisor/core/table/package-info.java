/**
 * Worker tables: one supervised worker per key of a source that changes over time.
 */
@NullMarked
package dev.supervisor.core.table;

import org.jspecify.annotations.NullMarked;
