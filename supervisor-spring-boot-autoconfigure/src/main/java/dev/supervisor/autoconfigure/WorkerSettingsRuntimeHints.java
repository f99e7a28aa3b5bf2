package dev.supervisor.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a worker's settings be read component by component in a native image, as the levels of
 * its configuration are merged and reported: Boot's binding hints make the records
 * constructible, not their accessors invocable.
 */
class WorkerSettingsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), WorkerProperties.class);
	}

}
