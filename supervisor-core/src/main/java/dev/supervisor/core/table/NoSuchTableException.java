package dev.supervisor.core.table;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * Thrown when a worker table name is not registered with the supervisor.
 */
public class NoSuchTableException extends NoSuchElementException {

	private static final long serialVersionUID = 1L;

	private final String tableName;

	public NoSuchTableException(String tableName, Collection<String> knownTables) {
		super("Worker table '" + tableName + "' is not registered; known tables: " + new TreeSet<>(knownTables));
		this.tableName = tableName;
	}

	/**
	 * The name that was looked up.
	 * @return the unknown name
	 */
	public String getTableName() {
		return this.tableName;
	}

}
