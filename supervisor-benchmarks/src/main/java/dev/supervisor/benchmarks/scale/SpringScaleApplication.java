package dev.supervisor.benchmarks.scale;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with the actuator, a Prometheus registry and the supervisor's
 * auto-configuration, and no workers of its own: the benchmark adds them at run time.
 */
@SpringBootApplication
class SpringScaleApplication {

}
