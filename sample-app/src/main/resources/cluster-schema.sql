-- Spring Integration's lock table (as in org/springframework/integration/jdbc/schema-h2.sql),
-- created only if missing, and the table where the singleton records its heartbeats.
CREATE TABLE IF NOT EXISTS INT_LOCK (
	LOCK_KEY CHAR(36) NOT NULL,
	REGION VARCHAR(100) NOT NULL,
	CLIENT_ID CHAR(36),
	CREATED_DATE TIMESTAMP NOT NULL,
	EXPIRED_AFTER TIMESTAMP NOT NULL,
	CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

CREATE TABLE IF NOT EXISTS singleton_heartbeat (
	replica VARCHAR(64) NOT NULL,
	run_start BIGINT NOT NULL,
	beat BIGINT NOT NULL
);
