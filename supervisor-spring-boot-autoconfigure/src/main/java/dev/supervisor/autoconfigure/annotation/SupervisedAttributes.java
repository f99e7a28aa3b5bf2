package dev.supervisor.autoconfigure.annotation;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
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
		return new WorkerSettings(convert("restart", a.restart(), "never, always or on-failure", this::restartPolicy),
				convert("maxRestarts", a.maxRestarts(), "-1 for unlimited, or 0 and more", Integer::valueOf),
				convert("restartWindow", a.restartWindow(), DURATION, DurationStyle::detectAndParse),
				convert("healthyAfter", a.healthyAfter(), DURATION, DurationStyle::detectAndParse),
				convert("startDelay", a.startDelay(), DURATION, DurationStyle::detectAndParse),
				convert("backoffInitial", a.backoffInitial(), DURATION, DurationStyle::detectAndParse),
				convert("backoffMax", a.backoffMax(), DURATION, DurationStyle::detectAndParse),
				convert("backoffMultiplier", a.backoffMultiplier(), "a number of 1.0 or more", Double::valueOf),
				convert("backoffJitter", a.backoffJitter(), "a fraction from 0.0 to 1.0", Double::valueOf),
				convert("escalation", a.escalation(), "none or shutdown", this::escalation),
				convert("critical", a.critical(), "true or false", SupervisedAttributes::bool),
				convert("autoStartup", a.autoStartup(), "true or false", SupervisedAttributes::bool));
	}

	private <T> @Nullable T convert(String attribute, String raw, String allowed, Function<String, T> converter) {
		String value = resolve(attribute, raw);
		if (value.isEmpty()) {
			return null;
		}
		try {
			return converter.apply(value);
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

	private RestartPolicy restartPolicy(String value) {
		return RestartPolicy.valueOf(enumName(value));
	}

	private Escalation escalation(String value) {
		return Escalation.valueOf(enumName(value));
	}

	private static String enumName(String value) {
		return value.toUpperCase(Locale.ROOT).replace('-', '_');
	}

	private static Boolean bool(String value) {
		if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
			return Boolean.valueOf(value);
		}
		throw new IllegalArgumentException("not a boolean: " + value);
	}

}
