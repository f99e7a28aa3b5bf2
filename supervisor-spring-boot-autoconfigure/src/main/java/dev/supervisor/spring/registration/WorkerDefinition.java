package dev.supervisor.spring.registration;

import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.Worker;

/**
 * A worker found in the application, before properties and defaults are applied.
 *
 * @param name the worker's name
 * @param worker the code to run
 * @param settings the settings declared with the worker, such as {@code @Supervised}
 * attributes; {@code null} values are not set
 * @param description where the worker was declared, for messages, such as
 * {@code method 'PollerJob.poll()' of bean 'pollerJob'}
 */
public record WorkerDefinition(String name, Worker worker, WorkerProperties settings, String description) {

}
