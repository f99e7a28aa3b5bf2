package dev.supervisor.spring.annotation;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;
import dev.supervisor.spring.registration.WorkerSpecFactory;

/**
 * Reads the attributes of a {@link Supervised} annotation: resolves {@code ${...}}
 * placeholders and converts each non-empty value, naming the attribute, the value and what is
 * allowed when one does not convert.
 */
final class SupervisedAttributes {

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

	/**
	 * The settings the attributes set, converted as the {@code supervisor.*} properties are
	 * bound: durations such as {@code 500ms}, enum values such as {@code on-failure}, booleans.
	 * Each setting of {@link WorkerProperties} is read from the attribute of the same name
	 * (a nested setting from the attribute that joins its path in camel case).
	 * @return the settings, {@code null} where an attribute is empty
	 */
	WorkerProperties settings() {
		Map<String, Object> attributes = AnnotationUtils.getAnnotationAttributes(this.annotation);
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, String> attributeOfKey = new LinkedHashMap<>();
		for (String path : WorkerSpecFactory.paths()) {
			String attribute = WorkerSpecFactory.attribute(path);
			String raw = (String) attributes.get(attribute);
			String value = (raw != null) ? resolve(attribute, raw) : "";
			if (!value.isEmpty()) {
				values.put(WorkerSpecFactory.key(path), value);
				attributeOfKey.put(WorkerSpecFactory.key(path), attribute);
			}
		}
		if (values.isEmpty()) {
			return WorkerProperties.NONE;
		}
		try {
			return WorkerProperties.of(values);
		}
		catch (BindException ex) {
			// The binder names the value that did not convert.
			String key = ex.getName().toString();
			String attribute = attributeOfKey.getOrDefault(key, key);
			String value = values.getOrDefault(key, "");
			String raw = (String) attributes.get(attribute);
			throw new InvalidWorkerDefinitionException("@Supervised on " + this.description + " has invalid "
					+ attribute + " '" + value + "'" + (value.equals(raw) ? "" : " (from '" + raw + "')")
					+ "; allowed: " + allowed(ex.getTarget().getType().resolve()), "Correct the " + attribute + " attribute",
					ex);
		}
	}

	private static String allowed(@Nullable Class<?> type) {
		if (type != null && type.isEnum()) {
			List<String> values = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList();
			return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s or 1m";
		}
		if (type == Boolean.class) {
			return "true or false";
		}
		if (type == Integer.class) {
			return "a whole number";
		}
		if (type == Double.class) {
			return "a number such as 1.5";
		}
		return "a value of type " + ((type != null) ? type.getSimpleName() : "unknown");
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
