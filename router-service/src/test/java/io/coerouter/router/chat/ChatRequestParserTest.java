package io.coerouter.router.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.error.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChatRequestParserTest {

    private final ChatRequestParser parser =
            new ChatRequestParser(JsonMapper.builder().build());

    private ChatCompletionRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryOptionIntoTheExpertRequest() {
        ChatCompletionRequest request = parse(
                """
                {"model":"coe","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"system","content":"s"},{"role":"user","content":"u"},{"role":"assistant","content":"a"}],
                 "temperature":0.5,"top_p":0.9,"max_tokens":10,"max_completion_tokens":20,"stop":"END","seed":12345678901,
                 "presence_penalty":1,"frequency_penalty":-1,
                 "coe":{"k":3,"aggregator":"vote","skills":["math"],"explain":true}}
                """);

        ExpertRequest expert = request.expertRequest();
        assertThat(request.model()).isEqualTo("coe");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(expert.messages())
                .containsExactly(ChatMessage.system("s"), ChatMessage.user("u"), ChatMessage.assistant("a"));
        assertThat(expert.temperature()).isEqualTo(0.5);
        assertThat(expert.topP()).isEqualTo(0.9);
        assertThat(expert.maxTokens()).as("max_completion_tokens wins").isEqualTo(20);
        assertThat(expert.stop()).containsExactly("END");
        assertThat(expert.seed()).isEqualTo(12345678901L);
        assertThat(expert.presencePenalty()).isEqualTo(1.0);
        assertThat(expert.frequencyPenalty()).isEqualTo(-1.0);
        assertThat(request.coe())
                .isEqualTo(new CoeOptions(3, "vote", java.util.List.of("math"), true, null, null, null));
    }

    @Test
    void treatsExplicitNullsAsAbsent() {
        ChatCompletionRequest request = parse(
                """
                {"model":"echo","messages":[{"role":"user","content":"hi"}],
                 "temperature":null,"stop":null,"stream":null,"stream_options":null,"coe":null}
                """);

        assertThat(request.stream()).isFalse();
        assertThat(request.expertRequest().temperature()).isNull();
        assertThat(request.expertRequest().stop()).isEmpty();
        assertThat(request.coe()).isEqualTo(CoeOptions.NONE);
    }

    @Test
    void namesTheNestedParameterAtFault() {
        assertThatThrownBy(
                        () -> parse(
                                """
                        {"model":"coe","messages":[{"role":"user","content":"ok"},
                          {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":5}]}]}
                        """))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.body().error().param()).isEqualTo("messages[1].content[1].text");
                    assertThat(e.body().error().code()).isEqualTo("invalid_type");
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Invalid type for 'messages[1].content[1].text': expected a string, but got an integer instead.");
                });
    }
}
