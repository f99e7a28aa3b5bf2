package dev.supervisor.sample;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing for the demo: each worker run is a span (the supervisor observes every run), written
 * to the log when it ends, so no tracing backend is needed. A real application exports to one
 * instead, for example with OTLP.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

	@Bean
	LoggingSpanExporter loggingSpanExporter() {
		return LoggingSpanExporter.create();
	}

}
