package dev.supervisor.autoconfigure.diagnostics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a start-up failure caused by a {@code supervisor.*} property: a value that is out of
 * range ({@link InvalidSupervisorPropertyException}) or that does not convert to its type (a
 * {@link BindException}, such as an unknown enum value). The report names the full property
 * key, the value, where it was set, and what is allowed.
 * <p>
 * Ordered ahead of Spring Boot's own bind failure analysis so that the allowed values read as
 * they are written in configuration ({@code on-failure}, not {@code ON_FAILURE}).
 */
public final class InvalidSupervisorPropertyFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final String PREFIX = "supervisor.";

	private final @Nullable Environment environment;

	/**
	 * Create an analyzer.
	 * @param environment the environment to find the value's origin in, or {@code null}
	 */
	public InvalidSupervisorPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		InvalidSupervisorPropertyException invalid = findCause(failure, InvalidSupervisorPropertyException.class);
		if (invalid != null) {
			ConfigurationProperty property = find(invalid.getProperty());
			Object value = (property != null && property.getValue() != null) ? property.getValue()
					: InvalidSupervisorPropertyException.describe(invalid.getValue());
			return analysis(invalid.getProperty(), value, (property != null) ? property.getOrigin() : null,
					invalid.getAllowed(), failure);
		}
		BindException bind = findCause(failure, BindException.class);
		if (bind != null && bind.getName().toString().startsWith(PREFIX)) {
			ConfigurationProperty property = bind.getProperty();
			Class<?> type = bind.getTarget().getType().resolve(Object.class);
			return analysis(bind.getName().toString(), (property != null) ? property.getValue() : null,
					(property != null) ? property.getOrigin() : null, allowed(type), failure);
		}
		return null;
	}

	private FailureAnalysis analysis(String key, @Nullable Object value, @Nullable Object origin, String allowed,
			Throwable failure) {
		StringBuilder description = new StringBuilder();
		description.append("Invalid value for property '").append(key).append("'.\n\n");
		description.append("    Property: ").append(key).append('\n');
		description.append("    Value:    \"").append(value).append("\"\n");
		if (origin != null) {
			description.append("    Origin:   ").append(origin).append('\n');
		}
		description.append("    Allowed:  ").append(allowed);
		String action = "Update '" + key + "' in your application's configuration. Allowed: " + allowed + ".";
		return new FailureAnalysis(description.toString(), action, failure);
	}

	private @Nullable ConfigurationProperty find(String key) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(key)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

	static String allowed(Class<?> type) {
		if (type.isEnum()) {
			return Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s, 5m or 1h (or ISO-8601, such as PT30S)";
		}
		if (type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type == Double.class || type == double.class) {
			return "a decimal number, such as 2.0";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "a value of type " + type.getSimpleName();
	}

	private static <E extends Throwable> @Nullable E findCause(@Nullable Throwable failure, Class<E> type) {
		while (failure != null) {
			if (type.isInstance(failure)) {
				return type.cast(failure);
			}
			failure = failure.getCause();
		}
		return null;
	}

}
