package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console log formats an operator chooses between, for tests that start a router and read what it wrote: plain
 * text (the default) or one of Spring Boot's structured JSON formats, switched on with
 * {@code logging.structured.format.console} (docs/operations.md#logs).
 */
enum ConsoleLogs {
    PLAIN(null),
    ECS("ecs"),
    LOGSTASH("logstash"),
    GELF("gelf");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String structuredFormat;

    ConsoleLogs(String structuredFormat) {
        this.structuredFormat = structuredFormat;
    }

    boolean json() {
        return structuredFormat != null;
    }

    /** The command-line arguments that choose this format, before the test's own. */
    /**
     * Forgets the structured format a started router left behind: Spring Boot copies it into the system properties
     * {@code CONSOLE_LOG_STRUCTURED_FORMAT} and {@code FILE_LOG_STRUCTURED_FORMAT} and keeps them when the next
     * application starts in the same JVM, which would then log JSON however it is configured.
     */
    static void forgetFormat() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
    }

    List<String> args(String... more) {
        List<String> all = new ArrayList<>();
        if (json()) {
            all.add("--logging.structured.format.console=" + structuredFormat);
        }
        all.addAll(List.of(more));
        return all;
    }

    /** The field that holds a line's message. */
    String messageField() {
        return this == GELF ? "short_message" : "message";
    }

    /** The name an MDC entry's key gets as a field: GELF's additional fields start with an underscore. */
    String mdcField(String key) {
        return this == GELF ? "_" + key : key;
    }

    /**
     * Every line of {@code output}, each parsed as one JSON object; fails naming the first line that is not one (a
     * stack trace or a banner printed beside the log would break a log shipper's parsing).
     */
    static List<JsonNode> jsonLines(String output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JacksonException e) {
                throw new AssertionError("a console line is not JSON: " + line, e);
            }
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            lines.add(node);
        }
        assertThat(lines).as("lines logged").isNotEmpty();
        return lines;
    }
}
