package dev.supervisor.actuate.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets the endpoint's answers be written as JSON in a native image: every descriptor is
 * registered for binding reflection (its getters and the types they return).
 */
class SupervisorEndpointRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), SupervisorEndpoint.WorkersDescriptor.class,
				SupervisorEndpoint.WorkerDescriptor.class, SupervisorEndpoint.WorkerDetailsDescriptor.class,
				SupervisorEndpoint.LastExitDescriptor.class, SupervisorEndpoint.RunDescriptor.class,
				WorkerDetails.Line.class, SupervisorEndpointWebExtension.ErrorDescriptor.class, TableDescriptor.class,
				TableDescriptor.ErrorDescriptor.class, SupervisorEndpoint.GroupDescriptor.class);
	}

}
