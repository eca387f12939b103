package io.coerouter.router.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
                .isEqualTo(new CoeOptions(3, AggregatorId.VOTE, List.of("math"), true, null, null, null, null));
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
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.param()).isEqualTo("messages[1].content[1].text");
                    assertThat(e.code()).isEqualTo("invalid_type");
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Invalid type for 'messages[1].content[1].text': expected a string, but got an integer instead.");
                });
    }

    private static final String USER = "[{\"role\":\"user\",\"content\":\"hi\"}]";
    private static final String HUGE_INTEGER = "1" + "0".repeat(400);

    private static RouterException refusal(String json) {
        try {
            new ChatRequestParser(JsonMapper.builder().build()).parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (RouterException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"temperature", "top_p", "frequency_penalty", "presence_penalty"})
    void refusesAnIntegerBeyondTheDoubleRangeNamingTheParameterWithoutEchoingIt(String param) {
        RouterException e =
                refusal("{\"model\":\"coe\",\"messages\":" + USER + ",\"" + param + "\":" + HUGE_INTEGER + "}");

        assertThat(HttpErrors.status(e.kind()).value()).isEqualTo(400);
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.code()).isEqualTo("invalid_value");
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "coe.max_cost_usd, 1e99999",
        "coe.max_cost_usd, -1e99999",
        "coe.max_latency_ms, 1e999",
        "coe.max_latency_ms, " + "1" + "0000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    })
    void refusesCoeLimitsThatAreNotFinite(String param, String value) {
        String field = param.substring("coe.".length());
        RouterException e =
                refusal("{\"model\":\"coe\",\"messages\":" + USER + ",\"coe\":{\"" + field + "\":" + value + "}}");

        assertThat(e.param()).isEqualTo(param);
        assertThat(e.code()).isEqualTo("invalid_value");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "0.25", "1", "1.0"})
    void acceptsATradeoffFromZeroToOne(String value) {
        ChatCompletionRequest request =
                parse("{\"model\":\"coe\",\"messages\":" + USER + ",\"coe\":{\"tradeoff\":" + value + "}}");

        assertThat(request.coe().tradeoff()).isEqualTo(Double.parseDouble(value));
        assertThat(request.coe().asksForRouting()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-0.1", "1.01", "2", "1e999", "-1e99999", "\"0.5\"", "true", "[0.5]", "{}"})
    void refusesATradeoffThatIsNotANumberFromZeroToOneNamingIt(String value) {
        RouterException e =
                refusal("{\"model\":\"coe\",\"messages\":" + USER + ",\"coe\":{\"tradeoff\":" + value + "}}");

        assertThat(HttpErrors.status(e.kind()).value()).isEqualTo(400);
        assertThat(e.param()).isEqualTo("coe.tradeoff");
        assertThat(e.getMessage()).contains("coe.tradeoff");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"model":"coe","model":"echo","messages":%U}                               | model
            {"model":"coe","messages":%U,"coe":{"k":1,"k":2}}                          | coe.k
            {"model":"coe","messages":[{"role":"user","role":"system","content":"x"}]} | messages[0].role
            {"model":"coe","messages":[{"role":"user","content":"x"},{"content":"a","content":"b"}]} | messages[1].content
            """)
    void refusesADuplicatedKeyNamingItsPath(String json, String path) {
        RouterException e = refusal(json.replace("%U", USER));

        assertThat(HttpErrors.status(e.kind()).value()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("duplicate_key");
        assertThat(e.param()).isEqualTo(path);
        assertThat(e.getMessage()).contains("'" + path + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"model\":NaN}",
                "{\"model\":\"coe\",",
                "{\"model\":root}",
                "{\"model\":\"coe\"}}",
                "\u0000\u0001binary"
            })
    void saysWhereTheJsonBrokeInPlainWordsWithoutJacksonsMessage(String body) {
        RouterException e = refusal(body);

        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.getMessage())
                .startsWith("The request body is not valid JSON")
                .doesNotContain("Jackson")
                .doesNotContain("Feature")
                .doesNotContain("root")
                .doesNotContain("tools.jackson");
    }

    @Test
    void saysWhichLineAndColumnTheJsonBrokeAt() {
        assertThat(refusal("{\n  \"model\": tru\n}").getMessage())
                .isEqualTo("The request body is not valid JSON at line 2 column 12.");
    }

    @Test
    void refusesNestingBeyondTheLimitAsInvalidJson() {
        RouterException e = refusal("{\"model\":" + "[".repeat(5000) + "}");

        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.getMessage()).doesNotContain("StreamReadConstraints");
    }

    @Test
    void repeatsAtMostAShortPieceOfAnUnknownParameterName() {
        String name = "x".repeat(10_000);
        RouterException e = refusal("{\"model\":\"coe\",\"messages\":" + USER + ",\"" + name + "\":1}");

        assertThat(e.code()).isEqualTo("unknown_parameter");
        assertThat(e.getMessage()).hasSizeLessThan(200);
        assertThat(e.param()).hasSizeLessThan(100);
    }

    @Test
    void repeatsAtMostAShortPieceOfAnOutOfRangeNumber() {
        RouterException e =
                refusal("{\"model\":\"coe\",\"messages\":" + USER + ",\"max_tokens\":" + HUGE_INTEGER + "}");

        assertThat(e.param()).isEqualTo("max_tokens");
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\\u0000b", "with space", "tab\\there", "line\\nbreak"})
    void refusesModelNamesWithControlCharactersOrWhitespace(String model) {
        RouterException e = refusal("{\"model\":\"" + model + "\",\"messages\":" + USER + "}");

        assertThat(e.param()).isEqualTo("model");
        assertThat(e.code()).isEqualTo("invalid_value");
    }

    @Test
    void refusesAModelNameLongerThanTheLimit() {
        RouterException e = refusal(
                "{\"model\":\"" + "m".repeat(ChatRequestParser.MAX_MODEL_LENGTH + 1) + "\",\"messages\":" + USER + "}");

        assertThat(e.param()).isEqualTo("model");
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @Test
    void checksTheTypeOfStreamOptionsIncludeObfuscation() {
        RouterException e = refusal("{\"model\":\"coe\",\"messages\":" + USER
                + ",\"stream\":true,\"stream_options\":{\"include_obfuscation\":\"yes\"}}");

        assertThat(e.param()).isEqualTo("stream_options.include_obfuscation");
        assertThat(e.code()).isEqualTo("invalid_type");
    }

    @Test
    void refusesASkillIdLongerThanTheLimitSoNoErrorRepeatsIt() {
        RouterException e = refusal("{\"model\":\"coe\",\"messages\":" + USER + ",\"coe\":{\"skills\":[\"math\",\""
                + "s".repeat(100_000) + "\"]}}");

        assertThat(e.param()).isEqualTo("coe.skills[1]");
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @Test
    void checksTheTypeOfAMessagesName() {
        RouterException e =
                refusal("{\"model\":\"coe\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"name\":{}}]}");

        assertThat(e.param()).isEqualTo("messages[0].name");
        assertThat(e.code()).isEqualTo("invalid_type");
    }
}
