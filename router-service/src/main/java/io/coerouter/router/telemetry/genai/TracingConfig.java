package io.coerouter.router.telemetry.genai;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link GenAiTelemetry} traces with; bound and checked as {@code coe.tracing.*} ({@code
 * config.TracingProperties}).
 *
 * @param enabled whether spans are recorded and exported
 * @param endpoint the OTLP/HTTP traces URL
 * @param headers sent with every export (secrets: never printed, see {@link #toString})
 * @param samplingRatio the share of new traces kept
 * @param captureContent whether prompts and answers go into spans
 * @param serviceName the {@code service.name} resource attribute
 * @param exportTimeout how long one export may take
 */
public record TracingConfig(
        boolean enabled,
        URI endpoint,
        Map<String, String> headers,
        double samplingRatio,
        boolean captureContent,
        String serviceName,
        Duration exportTimeout) {

    public TracingConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Off. */
    public static TracingConfig off() {
        return new TracingConfig(
                false,
                URI.create("http://localhost:4318/v1/traces"),
                Map.of(),
                1.0,
                false,
                "coe-router",
                Duration.ofSeconds(10));
    }

    /** Names the headers, never their values. */
    @Override
    public String toString() {
        return "TracingConfig[enabled=" + enabled + ", endpoint=" + endpoint + ", headers=" + headers.keySet()
                + ", samplingRatio=" + samplingRatio + ", captureContent=" + captureContent + ", serviceName="
                + serviceName + ", exportTimeout=" + exportTimeout + "]";
    }
}
