package dev.supervisor.spring.annotation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.MethodMetadata;

import dev.supervisor.annotation.Supervised;

/**
 * Keeps {@code @Supervised} beans eager under {@code spring.main.lazy-initialization=true}:
 * workers are found as their beans are created, and a lazy bean would never be created, so its
 * worker would silently never run.
 */
public final class SupervisedLazyInitializationExcludeFilter implements LazyInitializationExcludeFilter {

	@Override
	public boolean isExcluded(String beanName, BeanDefinition beanDefinition, @Nullable Class<?> beanType) {
		return isSupervised(beanDefinition, beanType);
	}

	/**
	 * Whether a bean declares workers: {@code @Supervised} on its {@code @Bean} method, its
	 * class or one of its methods.
	 * @param beanDefinition the bean's definition
	 * @param beanType the bean's type, if known
	 * @return {@code true} if it declares a worker
	 */
	static boolean isSupervised(BeanDefinition beanDefinition, @Nullable Class<?> beanType) {
		if (beanDefinition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			if (factoryMethod != null && factoryMethod.isAnnotated(Supervised.class.getName())) {
				return true;
			}
		}
		return beanType != null && (AnnotatedElementUtils.hasAnnotation(beanType, Supervised.class)
				|| hasSupervisedMethod(beanType));
	}

	private static boolean hasSupervisedMethod(Class<?> beanType) {
		if (!AnnotationUtils.isCandidateClass(beanType, Supervised.class)) {
			return false;
		}
		Map<?, Supervised> methods = MethodIntrospector.selectMethods(beanType,
				(MethodIntrospector.MetadataLookup<Supervised>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, Supervised.class));
		return !methods.isEmpty();
	}

}
