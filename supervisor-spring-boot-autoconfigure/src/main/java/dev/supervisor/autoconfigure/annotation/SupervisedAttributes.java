package dev.supervisor.autoconfigure.annotation;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.diagnostics.InvalidWorkerDefinitionException;
import dev.supervisor.autoconfigure.registration.WorkerSettings;
import dev.supervisor.core.Escalation;
import dev.supervisor.core.RestartPolicy;

/**
 * Reads the attributes of a {@link Supervised} annotation: resolves {@code ${...}}
 * placeholders and converts each non-empty value, naming the attribute, the value and what is
 * allowed when one does not convert.
 */
final class SupervisedAttributes {

	private static final String DURATION = "a duration such as 500ms, 30s or 1m";

	private final Environment environment;

	private final Supervised annotation;

	private final String description;

	SupervisedAttributes(Environment environment, Supervised annotation, String description) {
		this.environment = environment;
		this.annotation = annotation;
		this.description = description;
	}

	/**
	 * The explicit name, from {@code value} or {@code name}.
	 * @return the name, or {@code null} if neither is set
	 */
	@Nullable String name() {
		String value = resolve("value", this.annotation.value());
		String name = resolve("name", this.annotation.name());
		if (!value.isEmpty() && !name.isEmpty() && !value.equals(name)) {
			throw new InvalidWorkerDefinitionException("@Supervised on " + this.description + " has value '" + value
					+ "' and name '" + name + "'; they are aliases and must not differ",
					"Set only one of value and name");
		}
		String result = value.isEmpty() ? name : value;
		return result.isEmpty() ? null : result;
	}

	WorkerSettings settings() {
		Supervised a = this.annotation;
		return new WorkerSettings(convert("restart", a.restart(), "never, always or on-failure", RestartPolicy.class),
				convert("maxRestarts", a.maxRestarts(), "-1 for unlimited, or 0 and more", Integer.class),
				convert("restartWindow", a.restartWindow(), DURATION, Duration.class),
				convert("healthyAfter", a.healthyAfter(), DURATION, Duration.class),
				convert("startDelay", a.startDelay(), DURATION, Duration.class),
				convert("backoffInitial", a.backoffInitial(), DURATION, Duration.class),
				convert("backoffMax", a.backoffMax(), DURATION, Duration.class),
				convert("backoffMultiplier", a.backoffMultiplier(), "a number of 1.0 or more", Double.class),
				convert("backoffJitter", a.backoffJitter(), "a fraction from 0.0 to 1.0", Double.class),
				convert("escalation", a.escalation(), "none or shutdown", Escalation.class),
				convert("critical", a.critical(), "true or false", Boolean.class),
				convert("autoStartup", a.autoStartup(), "true or false", Boolean.class),
				convert("singleton", a.singleton(), "true or false", Boolean.class));
	}

	/**
	 * Convert a resolved attribute as the {@code supervisor.*} properties are bound: durations
	 * such as {@code 500ms}, enum values such as {@code on-failure}, booleans.
	 */
	private <T> @Nullable T convert(String attribute, String raw, String allowed, Class<T> type) {
		String value = resolve(attribute, raw);
		if (value.isEmpty()) {
			return null;
		}
		try {
			return ApplicationConversionService.getSharedInstance().convert(value, type);
		}
		catch (RuntimeException ex) {
			throw new InvalidWorkerDefinitionException("@Supervised on " + this.description + " has invalid "
					+ attribute + " '" + value + "'" + (value.equals(raw) ? "" : " (from '" + raw + "')")
					+ "; allowed: " + allowed, "Correct the " + attribute + " attribute", ex);
		}
	}

	private String resolve(String attribute, String raw) {
		try {
			return this.environment.resolveRequiredPlaceholders(raw).trim();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWorkerDefinitionException("@Supervised on " + this.description + " has attribute "
					+ attribute + " '" + raw + "' with a placeholder that cannot be resolved: " + ex.getMessage(),
					"Define the property the placeholder refers to, or give the placeholder a default", ex);
		}
	}

}
