package dev.supervisor.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that a supervisor runs and restarts.
 * <p>
 * It goes on a method of a bean, taking no parameters or one
 * {@link dev.supervisor.core.WorkerContext}, or on a bean class that implements
 * {@link dev.supervisor.core.Worker} or {@link Runnable}. The Spring Boot integration finds
 * such beans and registers one worker for each.
 * <p>
 * Every attribute is a string so that it may hold a {@code ${...}} placeholder; an empty
 * string means "not set", leaving the value to the {@code supervisor.defaults.*} properties
 * and, below them, the engine's built-in defaults. Properties under
 * {@code supervisor.workers.<name>.*} override these attributes.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Supervised {

	/**
	 * The worker's name; the same as {@link #name()}.
	 * @return the name, or empty for the default: the bean name, or
	 * {@code beanName.methodName} for a method
	 */
	String value() default "";

	/**
	 * The worker's name; the same as {@link #value()}.
	 * @return the name, or empty for the default: the bean name, or
	 * {@code beanName.methodName} for a method
	 */
	String name() default "";

	/**
	 * When to restart: {@code never}, {@code always} or {@code on-failure}.
	 * @return the restart policy, or empty if not set
	 */
	String restart() default "";

	/**
	 * The most restarts within {@link #restartWindow()}, {@code -1} for no limit.
	 * @return the limit, or empty if not set
	 */
	String maxRestarts() default "";

	/**
	 * The window that {@link #maxRestarts()} applies to, such as {@code 1m}.
	 * @return the duration, or empty if not set
	 */
	String restartWindow() default "";

	/**
	 * How long a run must last to reset the backoff, such as {@code 30s}.
	 * @return the duration, or empty if not set
	 */
	String healthyAfter() default "";

	/**
	 * How long to wait before the first run, such as {@code 5s}.
	 * @return the duration, or empty if not set
	 */
	String startDelay() default "";

	/**
	 * The delay before the first restart, such as {@code 1s}.
	 * @return the duration, or empty if not set
	 */
	String backoffInitial() default "";

	/**
	 * The longest delay before a restart, such as {@code 1m}.
	 * @return the duration, or empty if not set
	 */
	String backoffMax() default "";

	/**
	 * The growth factor of the delay between restarts, {@code 1.0} or more.
	 * @return the multiplier, or empty if not set
	 */
	String backoffMultiplier() default "";

	/**
	 * The random spread of each delay as a fraction, from {@code 0.0} to {@code 1.0}.
	 * @return the jitter, or empty if not set
	 */
	String backoffJitter() default "";

	/**
	 * What to do when the worker breaches its restart limit: {@code none} or
	 * {@code shutdown}.
	 * @return the escalation, or empty if not set
	 */
	String escalation() default "";

	/**
	 * Whether the worker being given up makes the application unhealthy: {@code true} or
	 * {@code false}.
	 * @return the flag, or empty if not set
	 */
	String critical() default "";

	/**
	 * Whether the worker starts with the application: {@code true} or {@code false}.
	 * @return the flag, or empty if not set
	 */
	String autoStartup() default "";

	/**
	 * Whether the worker is a cluster singleton, running on one instance of the cluster at a
	 * time ({@code true} or {@code false}).
	 * @return the flag, or empty for {@code false}
	 */
	String singleton() default "";

	/**
	 * The group the worker joins, after the members that {@code supervisor.groups.<name>.members}
	 * lists.
	 * @return the group's name, or empty for none
	 */
	String group() default "";

	/**
	 * How many independently supervised copies to run, such as {@code 4}: copies named
	 * {@code <name>-1} ... {@code <name>-N}, each told its number by
	 * {@link dev.supervisor.core.WorkerContext#instance()}.
	 * @return the number, or empty for one
	 */
	String instances() default "";

}
