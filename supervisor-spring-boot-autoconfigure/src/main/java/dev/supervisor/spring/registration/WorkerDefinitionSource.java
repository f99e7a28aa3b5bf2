package dev.supervisor.spring.registration;

import java.util.List;

/**
 * Supplies workers to register with the supervisor when all singletons are created. Every bean
 * of this type is asked once.
 */
@FunctionalInterface
public interface WorkerDefinitionSource {

	/**
	 * The workers this source found.
	 * @return the definitions
	 */
	List<WorkerDefinition> getWorkerDefinitions();

}
