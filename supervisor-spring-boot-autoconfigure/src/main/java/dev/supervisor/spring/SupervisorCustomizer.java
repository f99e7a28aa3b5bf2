package dev.supervisor.spring;

import dev.supervisor.core.Supervisor;

/**
 * Changes the {@link Supervisor.Builder} that the auto-configuration builds the supervisor
 * with, after the {@code supervisor.*} properties are applied: a listener, the scheduler, the
 * thread factory, the random source. Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}, so a customization keeps property
 * binding, unlike a {@code Supervisor} bean of one's own.
 */
@FunctionalInterface
public interface SupervisorCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, holding the values of the properties
	 */
	void customize(Supervisor.Builder builder);

}
