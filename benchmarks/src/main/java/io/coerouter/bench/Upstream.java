package io.coerouter.bench;

import java.nio.charset.StandardCharsets;

/** A loopback OpenAI-compatible upstream that answers every chat completion at once with a fixed body. */
interface Upstream extends AutoCloseable {

    /** The fixed, valid non-streaming {@code chat.completion} every {@code POST /v1/chat/completions} gets. */
    byte[] COMPLETION = ("{\"id\":\"chatcmpl-bench0000000000000000000\",\"object\":\"chat.completion\","
                    + "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello! How can I help you today?\"},"
                    + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}")
            .getBytes(StandardCharsets.US_ASCII);

    /** The path that answers; anything else is a 404. */
    String PATH = "/v1/chat/completions";

    /** The TCP port on 127.0.0.1. */
    int port();

    /** Completions answered so far. */
    long answered();

    /** Starts {@code kind} ({@code raw} or {@code jdk}) on 127.0.0.1 on a free port. */
    static Upstream start(String kind) throws java.io.IOException {
        return start(kind, 0);
    }

    /** Starts {@code kind} on 127.0.0.1:{@code port} (0: a free one). */
    static Upstream start(String kind, int port) throws java.io.IOException {
        return switch (kind) {
            case "raw" -> RawUpstream.start(port);
            case "jdk" -> JdkUpstream.start(port);
            default -> throw new IllegalArgumentException("--upstream must be raw or jdk, but was " + kind);
        };
    }

    @Override
    void close();
}
