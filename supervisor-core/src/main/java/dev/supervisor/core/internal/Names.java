package dev.supervisor.core.internal;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.supervisor.core.InvalidSettingException;

/**
 * The one check of the names of workers, processes, groups and tables, made as soon as a name
 * is given to a builder and again when it builds.
 */
public final class Names {

	private Names() {
	}

	/**
	 * Require a name that matches the pattern.
	 * @param kind what is named, such as {@code worker} or {@code worker table}
	 * @param name the name
	 * @param pattern what a name may be
	 * @param allowed the pattern in words, for the message
	 * @return the name
	 * @throws InvalidSettingException for the setting {@code name} if the name is missing, blank
	 * or holds characters that are not allowed
	 */
	public static String require(String kind, @Nullable String name, Pattern pattern, String allowed) {
		if (name == null || !pattern.matcher(name).matches()) {
			String given = (name != null) ? "'" + name + "'" : "null, a " + kind + " needs a name";
			throw new InvalidSettingException("name", name,
					"Invalid " + kind + " name: " + given + " (allowed: " + allowed + ")");
		}
		return name;
	}

}
