package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The console formats of docs/operations.md#logs, on a started router: in the JSON formats every line is one JSON
 * object, and a line logged while the MDC holds a trace (tracing puts {@code trace_id} and {@code span_id} there while
 * a request's span is current) carries both ids as fields, a line logged outside a span neither; plain text shows them
 * as {@code [trace_id,span_id]}. For Elastic, the documented rename gives ECS's own {@code trace.id} and
 * {@code span.id}.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIT {

    @org.junit.jupiter.api.AfterEach
    void forgetTheLogFormat() {
        ConsoleLogs.forgetFormat();
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String IN_SPAN = "a line logged in a request's span";
    private static final String OUTSIDE = "a line logged outside any span";

    private static final Logger log = LoggerFactory.getLogger(StructuredLogsIT.class);

    @ParameterizedTest(name = "{0} console logs")
    @EnumSource(ConsoleLogs.class)
    void aLineLoggedInASpanCarriesItsTraceAndSpanIdsAndOthersNone(ConsoleLogs format, CapturedOutput output) {
        logInAndOutsideASpan(format);

        if (!format.json()) {
            assertThat(line(output, IN_SPAN)).contains("[" + TRACE_ID + "," + SPAN_ID + "] ");
            assertThat(line(output, OUTSIDE)).doesNotContain("[,]").doesNotContain(TRACE_ID);
            return;
        }
        List<JsonNode> lines = ConsoleLogs.jsonLines(output.getAll());
        JsonNode inSpan = line(lines, format, IN_SPAN);
        assertThat(inSpan.path(format.mdcField("trace_id")).asString()).isEqualTo(TRACE_ID);
        assertThat(inSpan.path(format.mdcField("span_id")).asString()).isEqualTo(SPAN_ID);
        JsonNode outside = line(lines, format, OUTSIDE);
        assertThat(outside.has(format.mdcField("trace_id"))).isFalse();
        assertThat(outside.has(format.mdcField("span_id"))).isFalse();
        switch (format) {
            case ECS -> {
                assertThat(inSpan.path("log").path("level").asString()).isEqualTo("INFO");
                assertThat(inSpan.path("log").path("logger").asString()).isEqualTo(StructuredLogsIT.class.getName());
                assertThat(inSpan.path("service").path("name").asString()).isEqualTo("coe-router");
                assertThat(inSpan.has("@timestamp")).isTrue();
            }
            case LOGSTASH -> {
                assertThat(inSpan.path("level").asString()).isEqualTo("INFO");
                assertThat(inSpan.path("logger_name").asString()).isEqualTo(StructuredLogsIT.class.getName());
                assertThat(inSpan.has("@timestamp")).isTrue();
            }
            case GELF -> {
                assertThat(inSpan.path("_level_name").asString()).isEqualTo("INFO");
                assertThat(inSpan.path("host").asString()).isEqualTo("coe-router");
            }
            default -> throw new IllegalStateException(format.name());
        }
    }

    @Test
    void forElasticTheRenamedIdsAreEcsTraceIdAndSpanId(CapturedOutput output) {
        logInAndOutsideASpan(
                ConsoleLogs.ECS,
                "--logging.structured.json.rename[trace_id]=trace.id",
                "--logging.structured.json.rename[span_id]=span.id");

        JsonNode inSpan = line(ConsoleLogs.jsonLines(output.getAll()), ConsoleLogs.ECS, IN_SPAN);
        assertThat(inSpan.path("trace.id").asString()).isEqualTo(TRACE_ID);
        assertThat(inSpan.path("span.id").asString()).isEqualTo(SPAN_ID);
        assertThat(inSpan.has("trace_id")).isFalse();
    }

    @Test
    void withTracingOnARequestsOwnLogLineCarriesTheTraceTheClientStarted(CapturedOutput output) throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort(); // nothing listens here: the expert's call fails and is logged
        }
        List<String> args = ConsoleLogs.ECS.args(
                "--server.port=0",
                "--coe.skills.warm-up=false",
                "--coe.tracing.enabled=true",
                "--coe.tracing.endpoint=http://127.0.0.1:" + closed + "/v1/traces",
                "--coe.default-expert=dead",
                "--coe.experts[0].id=dead",
                "--coe.experts[0].adapter=openai",
                "--coe.experts[0].base-url=http://127.0.0.1:" + closed + "/v1",
                "--coe.experts[0].model=gone",
                "--coe.experts[0].resilience.max-attempts=1");
        String clientSpan = "b7ad6b7169203331";
        try (ConfigurableApplicationContext router =
                new SpringApplicationBuilder(CoeRouterApplication.class).run(args.toArray(String[]::new))) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                            "http://127.0.0.1:" + Routers.port(router) + "/v1/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .header("traceparent", "00-" + TRACE_ID + "-" + clientSpan + "-01")
                                    .POST(
                                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "{\"model\":\"dead\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isBetween(500, 599);
        }
        JsonNode failure = ConsoleLogs.jsonLines(output.getAll()).stream()
                .filter(l -> l.path(ConsoleLogs.ECS.messageField()).asString().startsWith("expert 'dead'")
                        && l.path("log").path("level").asString().equals("WARN"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line about expert 'dead' in " + output.getAll()));
        assertThat(failure.path("trace_id").asString()).as(failure.toString()).isEqualTo(TRACE_ID);
        assertThat(failure.path("span_id").asString()).hasSize(16).isNotEqualTo(clientSpan);
    }

    /** Starts a router logging in {@code format}, logs one line in a span and one outside, and stops it. */
    private static void logInAndOutsideASpan(ConsoleLogs format, String... more) {
        List<String> args = format.args(
                "--server.port=0",
                "--coe.skills.warm-up=false",
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo");
        args.addAll(List.of(more));
        try (ConfigurableApplicationContext router =
                new SpringApplicationBuilder(CoeRouterApplication.class).run(args.toArray(String[]::new))) {
            assertThat(Routers.port(router)).isPositive();
            try (MDC.MDCCloseable trace = MDC.putCloseable("trace_id", TRACE_ID);
                    MDC.MDCCloseable span = MDC.putCloseable("span_id", SPAN_ID)) {
                log.info(IN_SPAN);
            }
            log.info(OUTSIDE);
        }
    }

    private static String line(CapturedOutput output, String message) {
        return output.getAll()
                .lines()
                .filter(l -> l.endsWith(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + message + "'"));
    }

    private static JsonNode line(List<JsonNode> lines, ConsoleLogs format, String message) {
        return lines.stream()
                .filter(l -> l.path(format.messageField()).asString().equals(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + message + "'"));
    }
}
