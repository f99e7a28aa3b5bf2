package dev.supervisor.actuate.endpoint;

import dev.supervisor.core.WorkerStatus;
import dev.supervisor.core.process.ProcessWorker;

/**
 * Tells the {@code supervisor} endpoint what kind of worker a status belongs to, and gives
 * the details of an OS process. The one place where the endpoint learns about kinds of
 * workers.
 */
@FunctionalInterface
public interface WorkerDetailsResolver {

	/**
	 * The details of a worker.
	 * @param status the worker's status
	 * @return its details, never {@code null}
	 */
	WorkerDetails resolve(WorkerStatus status);

	/**
	 * The resolver the endpoint uses unless told otherwise: a {@link ProcessWorker} is of type
	 * {@code process} with its snapshot's details, every other worker of type {@code worker}.
	 * @return the standard resolver
	 */
	static WorkerDetailsResolver standard() {
		return (status) -> (status.spec().worker() instanceof ProcessWorker process)
				? WorkerDetails.process(process.snapshot()) : WorkerDetails.WORKER;
	}

}
