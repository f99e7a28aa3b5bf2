package dev.supervisor.spring.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.springframework.util.ReflectionUtils;

import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;

/**
 * A {@link Worker} that calls a {@code @Supervised} method of a bean, passing the
 * {@link WorkerContext} if the method takes it. What the method throws ends the run as is.
 */
final class SupervisedMethodWorker implements Worker {

	private final Object bean;

	private final Method method;

	private final boolean takesContext;

	SupervisedMethodWorker(Object bean, Method method) {
		this.bean = bean;
		this.method = method;
		this.takesContext = method.getParameterCount() == 1;
		ReflectionUtils.makeAccessible(method);
	}

	@Override
	public void run(WorkerContext context) throws Exception {
		try {
			if (this.takesContext) {
				this.method.invoke(this.bean, context);
			}
			else {
				this.method.invoke(this.bean);
			}
		}
		catch (InvocationTargetException ex) {
			Throwable target = ex.getTargetException();
			if (target instanceof Exception exception) {
				throw exception;
			}
			if (target instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName() + "()";
	}

}
