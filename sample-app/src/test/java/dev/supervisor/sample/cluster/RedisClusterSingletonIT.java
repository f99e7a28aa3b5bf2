package dev.supervisor.sample.cluster;

import java.io.IOException;
import java.util.List;

/**
 * Cluster singleton scenarios with Redis locks: the sample's {@code redis} profile defines a
 * {@code RedisLockRegistry}, which replaces the JDBC one. Heartbeat rows still go to PostgreSQL.
 */
class RedisClusterSingletonIT extends ClusterSingletonScenarios {

	private RedisServer redis;

	@Override
	void startLockStore() throws IOException {
		this.redis = RedisServer.start();
	}

	@Override
	void stopLockStore() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Override
	List<String> lockArguments() {
		return List.of("--spring.profiles.active=cluster,redis", "--spring.data.redis.port=" + this.redis.port());
	}

}
