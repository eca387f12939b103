package io.coerouter.router.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.config.AggregatorId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The documented request schema and the parser agree on every field name, both ways. */
class ChatCompletionBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final ChatCompletionBody EVERY_FIELD = new ChatCompletionBody(
            "coe",
            List.of(new ChatCompletionBody.Message(
                    "user", List.of(new ChatCompletionBody.ContentPart("text", "hi")), "ann", null)),
            true,
            new ChatCompletionBody.StreamOptions(true, false),
            0.5,
            0.9,
            10,
            20,
            1,
            List.of("END"),
            7L,
            0.0,
            0.0,
            false,
            new ChatCompletionBody.ResponseFormat("text"),
            new ChatCompletionBody.Coe(2, "vote", List.of("math"), true, "category", BigDecimal.ONE, 5000.0, 0.5),
            "u",
            false,
            Map.of("k", "v"),
            true,
            "auto");

    @Test
    void aBodyWithEveryDocumentedFieldIsAcceptedByTheParser() {
        byte[] body = JSON.writeValueAsBytes(EVERY_FIELD);

        ChatCompletionRequest request = new ChatRequestParser(JSON).parse(body);

        assertThat(request.includeUsage()).isTrue();
        assertThat(request.expertRequest().maxTokens()).isEqualTo(20);
        assertThat(request.coe().aggregator()).isEqualTo(AggregatorId.VOTE);
        assertThat(request.coe().method().id()).isEqualTo("category");
    }

    @Test
    void everyFieldTheParserReadsIsDocumented() {
        String body =
                """
                {"model":"coe","messages":[{"role":"user","content":[{"type":"text","text":"hi"}],"name":"a",
                 "refusal":null}],"stream":true,"stream_options":{"include_usage":true,"include_obfuscation":false},
                 "temperature":1,"top_p":1,"max_tokens":5,"max_completion_tokens":5,"n":1,"stop":["x"],"seed":1,
                 "presence_penalty":0,"frequency_penalty":0,"logprobs":false,"response_format":{"type":"text"},
                 "coe":{"k":1,"aggregator":"first","skills":["s"],"explain":true,"method":"symbolic-moe",
                 "max_cost_usd":1,"max_latency_ms":1,"tradeoff":0.5},
                 "user":"u","store":false,"metadata":{},"parallel_tool_calls":false,"service_tier":"auto"}
                """;

        new ChatRequestParser(JSON).parse(body.getBytes(StandardCharsets.UTF_8));
        ChatCompletionBody documented = JSON.readValue(body, ChatCompletionBody.class);

        assertThat(documented.coe().aggregator()).isEqualTo("first");
        assertThat(documented.messages().getFirst().content())
                .containsExactly(new ChatCompletionBody.ContentPart("text", "hi"));
    }
}
