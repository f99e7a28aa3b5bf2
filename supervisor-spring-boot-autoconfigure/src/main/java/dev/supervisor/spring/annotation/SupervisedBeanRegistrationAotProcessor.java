package dev.supervisor.spring.annotation;

import java.lang.reflect.Method;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

import dev.supervisor.annotation.Supervised;

/**
 * Keeps {@code @Supervised} methods invocable in a native image: the annotation lives in the
 * Spring-free engine module and cannot be {@code @Reflective}, so this processor registers an
 * invocation hint for every {@code @Supervised} method of every bean class when the application
 * is processed ahead of time.
 */
final class SupervisedBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = registeredBean.getBeanClass();
		if (!AnnotationUtils.isCandidateClass(beanClass, Supervised.class)) {
			return null;
		}
		Set<Method> methods = MethodIntrospector.selectMethods(beanClass,
				(MethodIntrospector.MetadataLookup<Supervised>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, Supervised.class))
			.keySet();
		if (methods.isEmpty()) {
			return null;
		}
		return (generationContext, beanRegistrationCode) -> methods.forEach((method) -> generationContext
			.getRuntimeHints()
			.reflection()
			.registerMethod(method, ExecutableMode.INVOKE));
	}

}
