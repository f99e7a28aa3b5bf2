package dev.supervisor.benchmarks.startup;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application whose start-up is measured: Spring Boot's auto-configuration and component
 * scanning of this package, which holds the {@link IdleWorkers}.
 */
@SpringBootApplication
class StartupApplication {

}
