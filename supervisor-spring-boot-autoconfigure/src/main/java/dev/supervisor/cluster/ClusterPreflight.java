package dev.supervisor.cluster;

import java.util.List;

/**
 * A check that the lock store works, run once before the first election and only when the
 * application has singletons, so an application without singletons never touches it.
 */
@FunctionalInterface
public interface ClusterPreflight {

	/**
	 * Check the lock store.
	 * @param singletons the names of the singletons about to be elected
	 * @throws ClusterSetupException if it cannot work
	 */
	void check(List<String> singletons);

}
