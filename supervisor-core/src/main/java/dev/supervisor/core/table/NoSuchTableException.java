package dev.supervisor.core.table;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a worker table name is not registered with the supervisor.
 */
public class NoSuchTableException extends NoSuchElementException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String tableName;

	public NoSuchTableException(@Nullable String tableName, Collection<String> knownTables) {
		super(((tableName != null) ? "Worker table '" + tableName + "' is not registered"
				: "No worker table name was given (null)")
				+ "; known tables: " + new TreeSet<>(knownTables));
		this.tableName = tableName;
	}

	/**
	 * The name that was looked up.
	 * @return the unknown name, or {@code null} if none was given
	 */
	public @Nullable String getTableName() {
		return this.tableName;
	}

}
