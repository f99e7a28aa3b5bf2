package dev.supervisor.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by the engine's builders when a setting holds a value that is not allowed. The message
 * names the object, the setting, the value and what is allowed; {@link #getSetting()} and
 * {@link #getValue()} let a caller that reads settings from elsewhere (such as configuration
 * properties) report the refusal by its own name for the setting.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String setting;

	private final transient @Nullable Object value;

	public InvalidSettingException(String setting, @Nullable Object value, String message) {
		super(message);
		this.setting = setting;
		this.value = value;
	}

	/**
	 * The refused setting, as the builder's method names it.
	 * @return such as {@code maxRestarts}, {@code backoff.max} or {@code name}
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * The refused value.
	 * @return the value, or {@code null} if it was missing
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

}
