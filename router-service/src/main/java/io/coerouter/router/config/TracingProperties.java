package io.coerouter.router.config;

import io.coerouter.router.telemetry.genai.TracingConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OpenTelemetry traces ({@code coe.tracing.*}, docs/operations.md#traces), off by default.
 *
 * @param enabled whether spans are recorded and exported
 * @param endpoint where spans go: an OTLP/HTTP traces URL ({@code http} or {@code https})
 * @param headers sent with every export (a collector's credentials: secrets, never logged or shown)
 * @param samplingRatio the share of new traces kept, 0 to 1; a client's sampled {@code traceparent} is always honoured
 * @param captureContent whether prompts and answers go into spans ({@code gen_ai.input.messages},
 *     {@code gen_ai.output.messages}); off by default
 * @param serviceName the {@code service.name} resource attribute
 * @param exportTimeout how long one export may take (at least 100 ms, at most 5 minutes)
 */
public record TracingProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:4318/v1/traces") URI endpoint,
        Map<String, String> headers,
        @DefaultValue("1.0") double samplingRatio,
        @DefaultValue("false") boolean captureContent,
        @DefaultValue("coe-router") String serviceName,
        @DefaultValue("10s") Duration exportTimeout) {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

    public TracingProperties {
        headers = headers == null ? Map.of() : Map.copyOf(new TreeMap<>(headers));
        if (endpoint == null
                || endpoint.getHost() == null
                || endpoint.getScheme() == null
                || !(endpoint.getScheme().toLowerCase(Locale.ROOT).equals("http")
                        || endpoint.getScheme().toLowerCase(Locale.ROOT).equals("https"))
                || endpoint.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "coe.tracing.endpoint must be an http(s) URL with a host and no user info, but was "
                            + (endpoint == null
                                    ? "null"
                                    : "'" + endpoint.getScheme() + "://" + endpoint.getHost() + "...'"));
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                throw new IllegalArgumentException(
                        "coe.tracing.headers: '" + h.getKey() + "' is not a valid header name");
            }
            if (h.getValue() == null || h.getValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                // The value is a secret: named by its header only.
                throw new IllegalArgumentException(
                        "coe.tracing.headers." + h.getKey() + " must be a value without control characters");
            }
        }
        if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
            throw new IllegalArgumentException(
                    "coe.tracing.sampling-ratio must be from 0 to 1, but was " + samplingRatio);
        }
        if (serviceName == null || serviceName.isBlank() || serviceName.length() > 255) {
            throw new IllegalArgumentException(
                    "coe.tracing.service-name must be 1 to 255 characters, but was '" + serviceName + "'");
        }
        if (exportTimeout == null
                || exportTimeout.compareTo(Duration.ofMillis(100)) < 0
                || exportTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(
                    "coe.tracing.export-timeout must be from 100ms to 5m, but was " + exportTimeout);
        }
    }

    /** These settings for the telemetry. */
    public TracingConfig toConfig() {
        return new TracingConfig(enabled, endpoint, headers, samplingRatio, captureContent, serviceName, exportTimeout);
    }

    /** Names the headers, never their values (as {@link TracingConfig#toString} does). */
    @Override
    public String toString() {
        return "coe.tracing " + toConfig();
    }
}
