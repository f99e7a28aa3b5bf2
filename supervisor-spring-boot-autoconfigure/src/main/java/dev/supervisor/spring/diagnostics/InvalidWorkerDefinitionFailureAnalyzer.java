package dev.supervisor.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a wrongly declared worker, such as {@code @Supervised}
 * on a method with parameters or two workers of one name.
 */
public final class InvalidWorkerDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWorkerDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWorkerDefinitionException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
