package dev.supervisor.core;

/**
 * Throwables as hostile user code makes them: reading them throws in turn.
 */
final class Hostile {

	private Hostile() {
	}

	/** An exception whose {@code getMessage()} and {@code toString()} throw. */
	static RuntimeException unreadableException() {
		return new UnreadableException();
	}

	static final class UnreadableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		@Override
		public String getMessage() {
			throw new IllegalStateException("getMessage() is hostile");
		}

		@Override
		public String getLocalizedMessage() {
			throw new IllegalStateException("getLocalizedMessage() is hostile");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString() is hostile");
		}

	}

}
