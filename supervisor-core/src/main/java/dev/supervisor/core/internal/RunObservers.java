package dev.supervisor.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.supervisor.core.RunObserver;
import dev.supervisor.core.RunRecord;
import dev.supervisor.core.Supervisor;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.core.WorkerSpec;

/**
 * The run observers of one supervisor, called in registration order before a run and in reverse
 * order after it, so scopes nest. An observer that throws is logged and skipped; the run and the
 * other observers go on.
 */
public final class RunObservers {

	/** No observers: runs cost nothing extra. */
	public static final RunObservers NONE = new RunObservers(List.of());

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private static final RunObserver.ObservedRun[] NOTHING_OBSERVED = new RunObserver.ObservedRun[0];

	private final RunObserver[] observers;

	private RunObservers(List<RunObserver> observers) {
		this.observers = observers.toArray(new RunObserver[0]);
	}

	public static RunObservers of(List<RunObserver> observers) {
		return observers.isEmpty() ? NONE : new RunObservers(observers);
	}

	/**
	 * Call every observer's {@code beforeRun}.
	 * @return the observed run of each observer that did not fail, to pass to {@link #afterRun}
	 */
	RunObserver.ObservedRun[] beforeRun(WorkerSpec spec, WorkerContext context) {
		if (this.observers.length == 0) {
			return NOTHING_OBSERVED;
		}
		List<RunObserver.ObservedRun> runs = new ArrayList<>(this.observers.length);
		for (RunObserver observer : this.observers) {
			try {
				RunObserver.ObservedRun run = observer.beforeRun(spec, context);
				if (run != null) {
					runs.add(run);
				}
			}
			catch (Throwable ex) {
				logger.warn("Run observer {} failed before a run of worker '{}'; the run is not observed by it",
						observer, spec.name(), ex);
			}
		}
		return runs.toArray(NOTHING_OBSERVED);
	}

	/**
	 * Call {@code afterRun} of each observed run, last opened first.
	 */
	static void afterRun(RunObserver.ObservedRun[] runs, String worker, RunRecord record, @Nullable Throwable thrown) {
		for (int i = runs.length - 1; i >= 0; i--) {
			try {
				runs[i].afterRun(record, thrown);
			}
			catch (Throwable ex) {
				logger.warn("Run observer {} failed after a run of worker '{}'", runs[i], worker, ex);
			}
		}
	}

}
