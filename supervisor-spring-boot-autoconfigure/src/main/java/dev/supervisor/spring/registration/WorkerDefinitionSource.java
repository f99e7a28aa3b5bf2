package dev.supervisor.spring.registration;

import java.util.List;

/**
 * Supplies workers to register with the supervisor when all singletons are created. Every bean
 * of this type is asked once; a source that finds workers later (in beans created after
 * start-up, such as {@code @Lazy} or scoped beans) reports them to the {@link Listener} it is
 * given.
 */
@FunctionalInterface
public interface WorkerDefinitionSource {

	/**
	 * The workers this source found.
	 * @return the definitions
	 */
	List<WorkerDefinition> getWorkerDefinitions();

	/**
	 * Report workers found from now on, and workers whose declaration went away, to the given
	 * listener. Called once, right after {@link #getWorkerDefinitions()}.
	 * @param listener the listener
	 */
	default void subscribe(Listener listener) {
	}

	/**
	 * Hears about workers found or gone after start-up.
	 */
	interface Listener {

		/**
		 * A worker was found, such as in a bean created after start-up.
		 * @param definition the worker
		 */
		void added(WorkerDefinition definition);

		/**
		 * A worker's declaration went away, such as with its bean.
		 * @param name the worker's name
		 */
		void removed(String name);

	}

}
