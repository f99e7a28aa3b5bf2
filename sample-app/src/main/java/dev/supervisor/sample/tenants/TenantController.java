package dev.supervisor.sample.tenants;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes the {@code tenant} table from outside the supervisor, as another application sharing
 * the database would: the worker table notices on its next refresh.
 */
@RestController
@RequestMapping("/tenants")
class TenantController {

	private final JdbcClient jdbc;

	TenantController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping
	List<String> list() {
		return this.jdbc.sql("SELECT name FROM tenant ORDER BY name").query(String.class).list();
	}

	@PutMapping("/{name}")
	ResponseEntity<Void> add(@PathVariable String name) {
		this.jdbc.sql("MERGE INTO tenant (name) KEY (name) VALUES (?)").param(name).update();
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> remove(@PathVariable String name) {
		int deleted = this.jdbc.sql("DELETE FROM tenant WHERE name = ?").param(name).update();
		return (deleted > 0) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

}
