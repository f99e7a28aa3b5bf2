package dev.supervisor.spring.annotation;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.core.WorkerContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisedBeanRegistrationAotProcessor}: a method worker stays invocable in
 * a native image.
 */
class SupervisedBeanRegistrationAotProcessorTests {

	@Test
	void isRegisteredForAheadOfTimeProcessing() {
		assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
			.hasAtLeastOneElementOfType(SupervisedBeanRegistrationAotProcessor.class);
	}

	@Test
	void registersAnInvocationHintForEverySupervisedMethod() throws Exception {
		DefaultGenerationContext generation = process(Jobs.class);
		Method poll = Jobs.class.getDeclaredMethod("poll", WorkerContext.class);
		Method sweep = Jobs.class.getDeclaredMethod("sweep");
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(poll)).accepts(generation.getRuntimeHints());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(sweep)).accepts(generation.getRuntimeHints());
		Method other = Jobs.class.getDeclaredMethod("other");
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(other)).rejects(generation.getRuntimeHints());
	}

	@Test
	void contributesNothingForABeanWithoutSupervisedMethods() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(String.class));
		assertThat(new SupervisedBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "plain"))).isNull();
	}

	private static DefaultGenerationContext process(Class<?> beanClass) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("jobs", new RootBeanDefinition(beanClass));
		BeanRegistrationAotContribution contribution = new SupervisedBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "jobs"));
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Test")), new InMemoryGeneratedFiles());
		contribution.applyTo(generation, null);
		return generation;
	}

	static class Jobs {

		@Supervised
		void poll(WorkerContext context) {
		}

		@Supervised("sweeper")
		void sweep() {
		}

		void other() {
		}

	}

}
