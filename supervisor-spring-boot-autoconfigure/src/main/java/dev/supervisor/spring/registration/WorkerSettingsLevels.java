package dev.supervisor.spring.registration;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

import dev.supervisor.autoconfigure.WorkerProperties;

/**
 * Generic operations over the properties of {@link WorkerProperties}, so that adding a setting
 * to that type is all it takes for the setting to be merged across levels, read from
 * {@code @Supervised} and reported by its key: the paths of its leaf properties (such as
 * {@code maxRestarts} or {@code backoff.initial}), which of them a level sets, and copying set
 * values from one level onto another.
 */
public final class WorkerSettingsLevels {

	private static final List<Path> PATHS = paths(WorkerProperties.class, "");

	private WorkerSettingsLevels() {
	}

	/**
	 * Every leaf property of the settings type.
	 * @return the paths
	 */
	public static List<Path> paths() {
		return PATHS;
	}

	/**
	 * The paths that the given settings set, that is hold a value other than {@code null}.
	 * @param settings the settings
	 * @return the set paths
	 */
	public static List<Path> setPaths(WorkerProperties settings) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(settings);
		return PATHS.stream().filter((path) -> wrapper.getPropertyValue(path.property()) != null).toList();
	}

	/**
	 * The value of one path.
	 * @param settings the settings
	 * @param path the path
	 * @return its value, or {@code null} if not set
	 */
	public static @Nullable Object value(WorkerProperties settings, Path path) {
		return PropertyAccessorFactory.forBeanPropertyAccess(settings).getPropertyValue(path.property());
	}

	/**
	 * New settings holding the values of {@code lower}, overridden by the values that the given
	 * paths of {@code higher} set.
	 * @param lower the lower level, not changed
	 * @param higher the higher level, not changed
	 * @param paths the paths of {@code higher} to apply
	 * @return the merged settings
	 */
	public static WorkerProperties merge(WorkerProperties lower, WorkerProperties higher, List<Path> paths) {
		WorkerProperties merged = new WorkerProperties();
		BeanWrapper target = PropertyAccessorFactory.forBeanPropertyAccess(merged);
		BeanWrapper from = PropertyAccessorFactory.forBeanPropertyAccess(lower);
		BeanWrapper over = PropertyAccessorFactory.forBeanPropertyAccess(higher);
		for (Path path : PATHS) {
			Object value = paths.contains(path) ? over.getPropertyValue(path.property()) : null;
			target.setPropertyValue(path.property(), (value != null) ? value : from.getPropertyValue(path.property()));
		}
		return merged;
	}

	/**
	 * New settings holding the values of {@code lower}, overridden by every value that
	 * {@code higher} sets.
	 * @param lower the lower level
	 * @param higher the higher level
	 * @return the merged settings
	 */
	public static WorkerProperties merge(WorkerProperties lower, WorkerProperties higher) {
		return merge(lower, higher, PATHS);
	}

	private static List<Path> paths(Class<?> type, String prefix) {
		List<Path> paths = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			if (propertyType.getEnclosingClass() == WorkerProperties.class) {
				paths.addAll(paths(propertyType, prefix + descriptor.getName() + "."));
			}
			else if (descriptor.getWriteMethod() != null) {
				paths.add(new Path(prefix + descriptor.getName()));
			}
		}
		return List.copyOf(paths);
	}

	/**
	 * The path of one setting.
	 *
	 * @param property the bean property path, such as {@code backoff.initial}
	 */
	public record Path(String property) {

		/**
		 * The key as written in configuration, such as {@code backoff.initial} or
		 * {@code max-restarts}.
		 * @return the kebab-case key
		 */
		public String key() {
			return this.property.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
		}

		/**
		 * The name of the {@code @Supervised} attribute for this setting, such as
		 * {@code backoffInitial}.
		 * @return the attribute name
		 */
		public String attribute() {
			StringBuilder name = new StringBuilder();
			for (String part : this.property.split("\\.")) {
				name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
			}
			return name.toString();
		}

	}

}
