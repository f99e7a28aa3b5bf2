package dev.supervisor.sample.tenants;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.supervisor.core.table.WorkerTable;

/**
 * One supervised worker per row of the {@code tenant} table: a row inserted from outside gets a
 * worker {@code tenants-<name>} on the next refresh, a deleted row's worker is stopped and
 * removed. The starter supervises every {@link WorkerTable} bean;
 * {@code supervisor.tables.tenants.*} in application.yml tunes it.
 */
@Configuration(proxyBeanMethods = false)
public class TenantTable {

	@Bean
	WorkerTable<String> tenants(JdbcClient jdbc) {
		return WorkerTable
			.builder("tenants", () -> jdbc.sql("SELECT name FROM tenant ORDER BY name").query(String.class).list(),
					TenantSync::new)
			.refresh(Duration.ofSeconds(5))
			.build();
	}

}
