package dev.supervisor.spring.registration;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ReflectionUtils;

import dev.supervisor.autoconfigure.ProcessProperties;
import dev.supervisor.autoconfigure.SupervisorProperties;
import dev.supervisor.autoconfigure.WorkerProperties;
import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.WorkerSpec;
import dev.supervisor.spring.diagnostics.InvalidWorkerDefinitionException;

/**
 * Turns the levels of a worker's settings into its {@link WorkerSpec}, lowest first:
 * {@code supervisor.defaults}, the worker's declaration ({@code @Supervised} attributes, a
 * table's code), then its own properties ({@code supervisor.workers|processes|tables.<name>}).
 * Each level is applied by {@link WorkerProperties#applyTo(WorkerSpec)} and validated by the
 * engine; everything else is driven by the components of {@link WorkerProperties}, so a new
 * setting needs no change here.
 * <p>
 * When the engine refuses a level, each of its settings is tried alone to find the one to blame.
 * A property is reported with an {@link InvalidConfigurationPropertyValueException}, which
 * Spring Boot prints with the key, the value and where it was set; an annotation attribute with
 * an {@link InvalidWorkerDefinitionException} naming the declaration. A value refused only
 * together with a lower level's (a maximum below another level's minimum) names that one too.
 */
public final class WorkerSpecFactory {

	private static final Pattern ISO_DURATION = Pattern.compile("-?PT[-0-9.HMS]+");

	private static final List<ChronoUnit> UNITS = List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
			ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS);

	/** Every setting's path, in declaration order, with the accessors that read it. */
	private static final Map<String, List<Method>> ACCESSORS = accessors(WorkerProperties.class, "", List.of());

	private static final List<String> PATHS = List.copyOf(ACCESSORS.keySet());

	private final SupervisorProperties properties;

	public WorkerSpecFactory(SupervisorProperties properties) {
		this.properties = properties;
	}

	/**
	 * The levels of a worker found in the application, lowest first: the defaults, its
	 * declaration, then {@code supervisor.workers.<name>} (or {@code supervisor.processes.<name>}).
	 * @param definition the worker
	 * @return the levels
	 */
	public List<Level> levels(WorkerDefinition definition) {
		String name = definition.name();
		WorkerProperties worker = this.properties.workers().get(name);
		ProcessProperties process = this.properties.processes().get(name);
		Level overrides = (worker == null && process != null)
				? Level.properties(SupervisorProperties.processKey(name), process.worker())
				: Level.properties(SupervisorProperties.workerKey(name), worker);
		return List.of(defaults(), Level.annotation(definition.description(), definition.settings()), overrides);
	}

	/** @return the level of {@code supervisor.defaults} */
	public Level defaults() {
		return Level.properties("supervisor.defaults", this.properties.defaults());
	}

	/**
	 * Create the spec of a worker found in the application.
	 * @param definition the worker
	 * @return the spec
	 * @throws RuntimeException reporting a refused setting as {@link Level#reject} describes
	 */
	public WorkerSpec create(WorkerDefinition definition) {
		WorkerSpec base;
		try {
			base = WorkerSpec.builder(definition.name(), definition.worker()).build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWorkerDefinitionException(
					"Invalid worker declared by " + definition.description() + ": " + ex.getMessage(),
					"Give the worker a valid name");
		}
		return create(definition.name(), base, levels(definition));
	}

	/**
	 * Apply levels of settings to a spec, lowest first.
	 * @param worker the worker's name, for messages
	 * @param base the spec to start from
	 * @param levels the levels, lowest first
	 * @return the spec
	 * @throws RuntimeException reporting a refused setting as {@link Level#reject} describes
	 */
	public static WorkerSpec create(String worker, WorkerSpec base, List<Level> levels) {
		WorkerSpec spec = base;
		for (int i = 0; i < levels.size(); i++) {
			WorkerSpec below = spec;
			try {
				spec = levels.get(i).apply(below);
			}
			catch (IllegalArgumentException ex) {
				throw reject(worker, base, levels, i, below, ex);
			}
		}
		return spec;
	}

	/**
	 * The value of a setting in the highest level that sets it.
	 * @param levels the levels, lowest first
	 * @param path the setting's path: its component's name, dotted for a nested one
	 * @return the value, or {@code null} if no level sets it
	 */
	public static @Nullable Object setting(List<Level> levels, String path) {
		Level origin = origin(levels, path);
		return (origin != null) ? value(origin.settings(), path) : null;
	}

	/**
	 * The highest level that sets a setting.
	 * @param levels the levels, lowest first
	 * @param path the setting's path: its component's name, dotted for a nested one
	 * @return the level, or {@code null} if none sets it
	 */
	public static @Nullable Level origin(List<Level> levels, String path) {
		for (int i = levels.size() - 1; i >= 0; i--) {
			if (value(levels.get(i).settings(), path) != null) {
				return levels.get(i);
			}
		}
		return null;
	}

	/**
	 * Report a value that an engine builder refused by its key under a prefix.
	 * @param prefix the key of the object, such as {@code supervisor.processes.redis}
	 * @param ex the engine's refusal
	 * @return the exception to throw
	 */
	public static InvalidConfigurationPropertyValueException invalid(String prefix, InvalidSettingException ex) {
		// A setting such as "environment value of TOKEN" is a part of the map property "environment".
		String setting = ex.getSetting().split(" ", 2)[0];
		String key = setting.equals("name") ? prefix : prefix + "." + key(setting);
		return new InvalidConfigurationPropertyValueException(key, describe(ex.getValue()),
				humanize(String.valueOf(ex.getMessage())));
	}

	private static RuntimeException reject(String worker, WorkerSpec base, List<Level> levels, int index,
			WorkerSpec below, IllegalArgumentException ex) {
		Level level = levels.get(index);
		List<String> set = level.setPaths();
		for (String path : set) {
			String reason = refusal(() -> level.apply(below, path));
			if (reason != null) {
				return level.reject(worker, path, reason + conflicts(base, levels, index, path));
			}
		}
		// Refused only as a whole: blame the first setting of the level.
		return level.reject(worker, set.isEmpty() ? null : set.get(0), humanize(String.valueOf(ex.getMessage())));
	}

	/** Which values of lower levels make a value refused that the base accepts. */
	private static String conflicts(WorkerSpec base, List<Level> levels, int index, String path) {
		Level level = levels.get(index);
		if (refusal(() -> level.apply(base, path)) != null) {
			return "";
		}
		List<String> culprits = new ArrayList<>();
		for (Level lower : levels.subList(0, index)) {
			if (lower.code() != null && refusal(() -> level.apply(lower.apply(base), path)) != null) {
				culprits.add(lower.source());
			}
			for (String other : lower.setPaths()) {
				if (refusal(() -> lower.apply(base, other)) == null
						&& refusal(() -> level.apply(lower.apply(base, other), path)) != null) {
					culprits.add(lower.describe(other) + "=" + describe(value(lower.settings(), other)));
				}
			}
		}
		return culprits.isEmpty() ? "" : "; it conflicts with " + String.join(", ", culprits);
	}

	private static @Nullable String refusal(Supplier<WorkerSpec> spec) {
		try {
			spec.get();
			return null;
		}
		catch (IllegalArgumentException ex) {
			return humanize(String.valueOf(ex.getMessage()));
		}
	}

	/** @return every setting of {@link WorkerProperties} by its path, dotted for a nested one */
	public static List<String> paths() {
		return PATHS;
	}

	/** @return the key of a setting's path as configuration writes it, in kebab case */
	public static String key(String path) {
		return DataObjectPropertyName.toDashedForm(path);
	}

	/** @return the {@code @Supervised} attribute of a setting: its path in camel case */
	public static String attribute(String path) {
		StringBuilder name = new StringBuilder();
		for (String part : path.split("\\.")) {
			name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return name.toString();
	}

	private static @Nullable Object value(WorkerProperties settings, String path) {
		@Nullable Object value = settings;
		for (Method accessor : ACCESSORS.get(path)) {
			if (value == null) {
				return null;
			}
			value = ReflectionUtils.invokeMethod(accessor, value);
		}
		return value;
	}

	private static Map<String, List<Method>> accessors(Class<?> type, String prefix, List<Method> outer) {
		Map<String, List<Method>> accessors = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			List<Method> chain = new ArrayList<>(outer);
			chain.add(component.getAccessor());
			if (component.getType().getEnclosingClass() == WorkerProperties.class) {
				accessors.putAll(accessors(component.getType(), prefix + component.getName() + ".", chain));
			}
			else {
				accessors.put(prefix + component.getName(), List.copyOf(chain));
			}
		}
		return accessors;
	}

	/** @return a value as configuration writes it: durations such as {@code 500ms}, not {@code PT0.5S} */
	public static String describe(@Nullable Object value) {
		if (!(value instanceof Duration duration) || Math.abs(duration.getSeconds()) > 86_400L * 365 * 100) {
			return String.valueOf(value);
		}
		ChronoUnit unit = UNITS.stream()
			.filter((candidate) -> duration.toNanos() % candidate.getDuration().toNanos() == 0)
			.findFirst()
			.orElseThrow();
		return duration.isZero() ? "0s" : DurationStyle.SIMPLE.print(duration, unit);
	}

	/** @return an engine message with its durations written as {@link #describe} writes them */
	public static String humanize(String message) {
		return ISO_DURATION.matcher(message).replaceAll((match) -> {
			try {
				return Matcher.quoteReplacement(describe(Duration.parse(match.group())));
			}
			catch (RuntimeException ex) {
				return Matcher.quoteReplacement(match.group());
			}
		});
	}

	/**
	 * One level of a worker's settings.
	 *
	 * @param kind what declares the settings
	 * @param source a property prefix, or the declaration such as {@code bean 'poller'}
	 * @param settings the settings of the level
	 * @param code for a level written in code, what it does to the spec's builder
	 */
	public record Level(Kind kind, String source, WorkerProperties settings,
			@Nullable Consumer<WorkerSpec.Builder> code) {

		/** @return settings bound from properties under a prefix; none if {@code null} */
		public static Level properties(String prefix, @Nullable WorkerProperties settings) {
			return new Level(Kind.PROPERTIES, prefix, (settings != null) ? settings : WorkerProperties.NONE, null);
		}

		/** @return settings read from the {@code @Supervised} attributes of a declaration */
		public static Level annotation(String declaration, WorkerProperties settings) {
			return new Level(Kind.ANNOTATION, declaration, settings, null);
		}

		/** @return settings written in code, such as a worker table's, named by what they belong to */
		public static Level code(String declaration, Consumer<WorkerSpec.Builder> code) {
			return new Level(Kind.CODE, declaration, WorkerProperties.NONE, code);
		}

		/** @return where a setting of this level is written: its key, or attribute and declaration */
		public String describe(String path) {
			return switch (this.kind) {
				case PROPERTIES -> this.source + "." + key(path);
				case ANNOTATION -> "@Supervised(" + attribute(path) + ") of " + this.source;
				case CODE -> this.source;
			};
		}

		List<String> setPaths() {
			return PATHS.stream().filter((path) -> value(this.settings, path) != null).toList();
		}

		WorkerSpec apply(WorkerSpec spec) {
			if (this.code == null) {
				return this.settings.applyTo(spec);
			}
			WorkerSpec.Builder builder = spec.toBuilder();
			this.code.accept(builder);
			return builder.build();
		}

		WorkerSpec apply(WorkerSpec spec, String path) {
			return WorkerProperties.of(Map.of(key(path), value(this.settings, path))).applyTo(spec);
		}

		/**
		 * The failure for a refused setting of this level: a property's, as Spring Boot reports
		 * it; an attribute's, naming the declaration; code's, naming what it belongs to.
		 */
		RuntimeException reject(String worker, @Nullable String path, String reason) {
			if (path == null || this.kind == Kind.CODE) {
				return new IllegalStateException("Invalid settings for the workers of " + this.source + ": " + reason);
			}
			String value = WorkerSpecFactory.describe(value(this.settings, path));
			if (this.kind == Kind.PROPERTIES) {
				return new InvalidConfigurationPropertyValueException(describe(path), value, reason);
			}
			return new InvalidWorkerDefinitionException("@Supervised on " + this.source + " has invalid "
					+ attribute(path) + " '" + value + "': " + reason, "Correct the " + attribute(path)
							+ " attribute, or override it with " + SupervisorProperties.workerKey(worker) + "." + key(path));
		}

	}

	/** What declares a level of settings: properties, {@code @Supervised} attributes, or code. */
	public enum Kind {

		PROPERTIES, ANNOTATION, CODE

	}

}
