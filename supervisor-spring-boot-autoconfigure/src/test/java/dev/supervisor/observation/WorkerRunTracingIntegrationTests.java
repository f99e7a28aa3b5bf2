package dev.supervisor.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.supervisor.annotation.Supervised;
import dev.supervisor.autoconfigure.SupervisorAutoConfiguration;
import dev.supervisor.autoconfigure.SupervisorObservationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each run of a worker is one span, and the worker's code sees that span's ids in its MDC: a
 * Spring application with Spring Boot's own tracing auto-configuration, the OpenTelemetry bridge
 * and an in-memory span exporter. A {@link SpringApplication} rather than an
 * {@code ApplicationContextRunner}, because the listener that connects OpenTelemetry's context
 * to the MDC is registered by the application, not by the context.
 */
class WorkerRunTracingIntegrationTests {

	@Test
	void eachRunIsOneSpanWhoseIdsAreInTheWorkersMdc() {
		SpringApplication application = new SpringApplication(TracingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("management.tracing.sampling.probability", "1.0",
				"management.opentelemetry.tracing.export.schedule-delay", "50ms",
				"supervisor.workers.reporter.backoff.initial", "1ms", "supervisor.workers.reporter.backoff.jitter",
				"0", "spring.main.banner-mode", "off"));
		try (ConfigurableApplicationContext context = application.run()) {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			Reporter reporter = context.getBean(Reporter.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(exporter.getFinishedSpanItems()).hasSize(3));
			List<SpanData> spans = exporter.getFinishedSpanItems();

			assertThat(spans).extracting(SpanData::getName).containsOnly("run reporter");
			assertThat(spans).extracting((span) -> span.getAttributes().get(AttributeKey.stringKey("attempt")))
				.containsExactlyInAnyOrder("0", "1", "2");
			assertThat(spans).extracting((span) -> span.getAttributes().get(AttributeKey.stringKey("outcome")))
				.containsExactlyInAnyOrder("failed", "failed", "completed");
			assertThat(spans).filteredOn((span) -> span.getStatus().getStatusCode() == StatusCode.ERROR).hasSize(2);
			assertThat(spans).extracting(SpanData::getTraceId).doesNotHaveDuplicates();
			assertThat(reporter.seen).containsExactlyInAnyOrderElementsOf(
					spans.stream().map((span) -> span.getTraceId() + "/" + span.getSpanId()).toList());
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
			MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
			SupervisorAutoConfiguration.class, SupervisorObservationAutoConfiguration.class })
	static class TracingApplication {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		Reporter reporter() {
			return new Reporter();
		}

	}

	static class Reporter {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Supervised("reporter")
		void report() {
			this.seen.add(MDC.get("traceId") + "/" + MDC.get("spanId"));
			if (this.seen.size() < 3) {
				throw new IllegalStateException("report " + this.seen.size() + " failed");
			}
		}

	}

}
