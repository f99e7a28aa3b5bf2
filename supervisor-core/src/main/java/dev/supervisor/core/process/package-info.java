/**
 * Supervised OS processes. A {@link dev.supervisor.core.process.ProcessSpec} describes what
 * to run; a {@link dev.supervisor.core.process.ProcessWorker} is the
 * {@link dev.supervisor.core.Worker} that runs it, registered with a
 * {@link dev.supervisor.core.Supervisor} like any other worker, and reports its process
 * through a {@link dev.supervisor.core.process.ProcessSnapshot}.
 */
@NullMarked
package dev.supervisor.core.process;

import org.jspecify.annotations.NullMarked;
