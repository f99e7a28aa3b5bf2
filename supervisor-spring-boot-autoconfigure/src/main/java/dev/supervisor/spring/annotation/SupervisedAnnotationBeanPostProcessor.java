package dev.supervisor.spring.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.Worker;
import dev.supervisor.core.WorkerContext;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;
import dev.supervisor.spring.registration.WorkerDefinition;
import dev.supervisor.spring.registration.WorkerDefinitionSource;

/**
 * Finds {@link Supervised @Supervised} beans and methods as beans are initialised and turns
 * each into a {@link WorkerDefinition}:
 * <ul>
 * <li>a bean whose class (or {@code @Bean} method) is annotated, and which implements
 * {@link Worker} or {@link Runnable}, is named after the bean;</li>
 * <li>an annotated method taking no parameters or one {@link WorkerContext} is named
 * {@code beanName.methodName}.</li>
 * </ul>
 * Methods are invoked through the bean, so proxies (transactions, security) apply. Wrong use
 * fails the bean's creation with a message naming the bean and the method.
 * <p>
 * Beans created after start-up ({@code @Lazy} singletons, request or refresh scoped beans)
 * declare their workers when they are created, and the workers are removed when the bean is
 * destroyed. Prototype beans with workers are refused at start-up.
 */
public final class SupervisedAnnotationBeanPostProcessor implements DestructionAwareBeanPostProcessor,
		BeanFactoryAware, EnvironmentAware, SmartInitializingSingleton, WorkerDefinitionSource, Ordered {

	private final Map<String, WorkerDefinition> definitions = new LinkedHashMap<>();

	/** Classes with no {@code @Supervised} on the class or any method, not scanned again. */
	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	/** The workers of each bean instance, removed when the bean is destroyed. */
	private final Map<Object, List<String>> workersByBean = Collections.synchronizedMap(new IdentityHashMap<>());

	private volatile @Nullable Listener listener;

	private @Nullable BeanFactory beanFactory;

	private @Nullable Environment environment;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public List<WorkerDefinition> getWorkerDefinitions() {
		synchronized (this.definitions) {
			return new ArrayList<>(this.definitions.values());
		}
	}

	@Override
	public void subscribe(Listener listener) {
		this.listener = listener;
	}

	/**
	 * Refuse prototype beans with workers at start-up: every instance would declare a worker of
	 * the same name, and the container never destroys prototypes, so their workers could not
	 * end with them.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (!(this.beanFactory instanceof ConfigurableListableBeanFactory listable)) {
			return;
		}
		for (String beanName : listable.getBeanDefinitionNames()) {
			BeanDefinition definition = listable.getMergedBeanDefinition(beanName);
			if (definition.isPrototype()
					&& SupervisedLazyInitializationExcludeFilter.isSupervised(definition, listable.getType(beanName, false))) {
				throw new InvalidWorkerDefinitionException("@Supervised bean '" + beanName
						+ "' is prototype-scoped: every instance would declare the same worker, and prototypes are never destroyed, so their workers could not end with them",
						"Make the bean a singleton (it may be @Lazy), or move the work to a singleton that supervises it");
			}
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return this.workersByBean.containsKey(bean);
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		List<String> names = this.workersByBean.remove(bean);
		if (names == null) {
			return;
		}
		for (String name : names) {
			synchronized (this.definitions) {
				this.definitions.remove(name);
			}
			Listener current = this.listener;
			if (current != null) {
				current.removed(name);
			}
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		List<WorkerDefinition> found = new ArrayList<>();
		Supervised onBean = findBeanAnnotation(beanName, targetClass);
		if (onBean != null) {
			found.add(beanDefinition(bean, beanName, targetClass, onBean));
		}
		if (!this.nonAnnotatedClasses.contains(targetClass)) {
			Map<Method, Supervised> methods = AnnotationUtils.isCandidateClass(targetClass, Supervised.class)
					? MethodIntrospector.selectMethods(targetClass,
							(MethodIntrospector.MetadataLookup<Supervised>) (method) -> isBeanFactoryMethod(method) ? null
									: AnnotatedElementUtils.findMergedAnnotation(method, Supervised.class))
					: Map.of();
			if (methods.isEmpty() && onBean == null) {
				this.nonAnnotatedClasses.add(targetClass);
			}
			methods.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey((a, b) -> a.toGenericString().compareTo(b.toGenericString())))
				.forEach((entry) -> found.add(methodDefinition(bean, beanName, targetClass, entry.getKey(), entry.getValue())));
		}
		for (WorkerDefinition definition : found) {
			add(definition);
			this.workersByBean.computeIfAbsent(bean, (key) -> new ArrayList<>()).add(definition.name());
			Listener current = this.listener;
			if (current != null) {
				current.added(definition);
			}
		}
		return bean;
	}

	private @Nullable Supervised findBeanAnnotation(String beanName, Class<?> targetClass) {
		Supervised annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, Supervised.class);
		if (annotation == null && this.beanFactory instanceof ListableBeanFactory listable
				&& listable.containsBeanDefinition(beanName)) {
			annotation = listable.findAnnotationOnBean(beanName, Supervised.class);
		}
		return annotation;
	}

	private WorkerDefinition beanDefinition(Object bean, String beanName, Class<?> targetClass, Supervised annotation) {
		String description = "bean '" + beanName + "' of type " + targetClass.getName();
		Worker worker;
		if (bean instanceof Worker beanWorker) {
			worker = beanWorker;
		}
		else if (bean instanceof Runnable runnable) {
			worker = new RunnableWorker(runnable);
		}
		else {
			throw new InvalidWorkerDefinitionException(
					"@Supervised " + description + " implements neither " + Worker.class.getName() + " nor Runnable",
					"Implement Worker or Runnable, or move @Supervised to a method of the bean");
		}
		SupervisedAttributes attributes = new SupervisedAttributes(environment(), annotation, description);
		String name = attributes.name();
		return new WorkerDefinition((name != null) ? name : beanName, worker, attributes.settings(), description);
	}

	private WorkerDefinition methodDefinition(Object bean, String beanName, Class<?> targetClass, Method method,
			Supervised annotation) {
		String description = "method '" + targetClass.getSimpleName() + "." + method.getName() + "("
				+ parameterNames(method) + ")' of bean '" + beanName + "'";
		if (Modifier.isStatic(method.getModifiers())) {
			throw new InvalidWorkerDefinitionException("@Supervised " + description + " is static",
					"Make the method an instance method; a worker runs on a bean");
		}
		boolean valid = method.getParameterCount() == 0
				|| (method.getParameterCount() == 1 && method.getParameterTypes()[0] == WorkerContext.class);
		if (!valid) {
			throw new InvalidWorkerDefinitionException(
					"@Supervised " + description + " must take no parameters or one " + WorkerContext.class.getName(),
					"Change the method's parameters; read other inputs from the bean's fields");
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		SupervisedAttributes attributes = new SupervisedAttributes(environment(), annotation, description);
		String name = attributes.name();
		return new WorkerDefinition((name != null) ? name : beanName + "." + method.getName(),
				new SupervisedMethodWorker(bean, invocable), attributes.settings(), description);
	}

	private void add(WorkerDefinition definition) {
		synchronized (this.definitions) {
			WorkerDefinition existing = this.definitions.putIfAbsent(definition.name(), definition);
			if (existing != null) {
				throw new InvalidWorkerDefinitionException("Duplicate worker name '" + definition.name()
						+ "': declared by " + existing.description() + " and by " + definition.description(),
						"Give one of them another name with @Supervised(\"...\")");
			}
		}
	}

	private static boolean isBeanFactoryMethod(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, Bean.class);
	}

	private static String parameterNames(Method method) {
		return java.util.Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
	}

	private Environment environment() {
		if (this.environment == null) {
			throw new IllegalStateException("No Environment set on " + getClass().getSimpleName());
		}
		return this.environment;
	}

	/**
	 * Runs a {@link Runnable} bean as a worker.
	 */
	private record RunnableWorker(Runnable runnable) implements Worker {

		@Override
		public void run(WorkerContext context) {
			this.runnable.run();
		}

	}

}
