package dev.supervisor.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure of cluster singletons: what is missing and what to add.
 */
public final class ClusterSetupFailureAnalyzer extends AbstractFailureAnalyzer<ClusterSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClusterSetupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
