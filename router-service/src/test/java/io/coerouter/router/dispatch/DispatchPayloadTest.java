package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatchPayloadTest {

    private static final String SECRET_PROMPT = "my-bank-pin-4711";

    private static String valid(String request) {
        return "{\"request\":" + request + ",\"streaming\":true,\"deadline_ms\":1000}";
    }

    private static String withMessages(String messages) {
        return valid("{\"messages\":" + messages + "}");
    }

    @Test
    void everyFieldOfARequestSurvivesTheTrip() {
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.system("be brief"))
                .addMessage(ChatMessage.user("héllo \"quoted\" ✓\n" + SECRET_PROMPT))
                .addMessage(ChatMessage.assistant(""))
                .temperature(0.7)
                .topP(0.9)
                .maxTokens(256)
                .stop(List.of("\n\n", "END"))
                .seed(Long.MAX_VALUE)
                .presencePenalty(-1.5)
                .frequencyPenalty(2.0)
                .build();
        DispatchPayload payload = new DispatchPayload(request, true, 1_733_000_000_123L);

        assertThat(DispatchPayload.fromJson(DispatchPayload.toJson(payload))).isEqualTo(payload);
    }

    @Test
    void unsetOptionsStayUnset() {
        DispatchPayload payload = new DispatchPayload(ExpertRequest.of("hi"), false, 0);

        String json = DispatchPayload.toJson(payload);

        assertThat(json).doesNotContain("temperature", "seed", "stop", "max_tokens");
        assertThat(DispatchPayload.fromJson(json)).isEqualTo(payload);
    }

    @Test
    void fieldsThisVersionDoesNotKnowAreIgnored() {
        DispatchPayload read =
                DispatchPayload.fromJson("{\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\","
                        + "\"name\":\"n\"}],\"logit_bias\":{}},\"streaming\":false,\"deadline_ms\":5,\"priority\":3}");

        assertThat(read.request().messages()).containsExactly(ChatMessage.user("x"));
        assertThat(read.deadlineMillis()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no request               | {\"streaming\":true,\"deadline_ms\":1}                     | request",
                "request not an object    | {\"request\":[],\"streaming\":true,\"deadline_ms\":1}      | request",
                "no streaming flag        | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},\"deadline_ms\":1} | streaming",
                "streaming as a string    | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},\"streaming\":\"yes\",\"deadline_ms\":1} | streaming",
                "no deadline              | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},\"streaming\":true} | deadline_ms",
                "negative deadline        | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},\"streaming\":true,\"deadline_ms\":-1} | deadline_ms",
                "fractional deadline      | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},\"streaming\":true,\"deadline_ms\":1.5} | deadline_ms",
                "deadline past a long     | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]},\"streaming\":true,\"deadline_ms\":99999999999999999999} | deadline_ms",
            })
    void aMissingOrMistypedTopLevelFieldIsNamed(String why, String json, String field) {
        assertThatThrownBy(() -> DispatchPayload.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no messages              | {}                                                         | request.messages",
                "empty messages           | {\"messages\":[]}                                          | request.messages",
                "messages not an array    | {\"messages\":\"my-bank-pin-4711\"}                        | request.messages",
                "a message not an object  | {\"messages\":[\"my-bank-pin-4711\"]}                      | request.messages[0]",
                "an unknown role          | {\"messages\":[{\"role\":\"my-bank-pin-4711\",\"content\":\"x\"}]} | request.messages[0].role",
                "a missing role           | {\"messages\":[{\"content\":\"x\"}]}                       | request.messages[0].role",
                "content not a string     | {\"messages\":[{\"role\":\"user\",\"content\":[\"my-bank-pin-4711\"]}]} | request.messages[0].content",
                "a null content           | {\"messages\":[{\"role\":\"user\",\"content\":null}]}       | request.messages[0].content",
                "temperature as a string  | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"} | request.temperature",
                "temperature out of range | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":2.5} | request: temperature",
                "temperature overflowing  | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":1e400} | request: temperature",
                "top_p of zero            | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_p\":-0.1} | request: topP",
                "max_tokens fractional    | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5} | request.max_tokens",
                "max_tokens past an int   | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":4294967296} | request.max_tokens",
                "max_tokens of zero       | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0} | request: maxTokens",
                "stop not an array        | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":\"END\"} | request.stop",
                "a stop not a string      | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[\"a\",7]} | request.stop[1]",
                "five stops               | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]} | request: stop",
                "seed fractional          | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"seed\":0.5} | request.seed",
                "penalty out of range     | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"presence_penalty\":-3} | request: presencePenalty",
                "frequency as a boolean   | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"frequency_penalty\":true} | request.frequency_penalty",
            })
    void everyRuleOfARequestHoldsAndTheFieldIsNamed(String why, String request, String field) {
        assertThatThrownBy(() -> DispatchPayload.fromJson(valid(request)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field)
                .hasMessageNotContaining(SECRET_PROMPT);
    }

    @Test
    void aLaterMessageIsNamedByItsIndex() {
        assertThatThrownBy(() -> DispatchPayload.fromJson(
                        withMessages("[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"tool\",\"content\":\"y\"}]")))
                .hasMessageStartingWith("request.messages[1].role must be one of");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON         | my-bank-pin-4711 {",
                "cut short        | {\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"my-bank-pin-4711",
                "an array         | [1,2]",
                "a string         | \"my-bank-pin-4711\"",
                "a trailing token | {} my-bank-pin-4711",
            })
    void textThatIsNoJsonObjectIsRefusedWithoutRepeatingIt(String why, String json) {
        assertThatThrownBy(() -> DispatchPayload.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload")
                .hasMessageNotContaining(SECRET_PROMPT);
    }

    @Test
    void aDuplicatedKeyIsRefused() {
        assertThatThrownBy(() -> DispatchPayload.fromJson(
                        "{\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\"}]},"
                                + "\"streaming\":true,\"deadline_ms\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is not valid JSON");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> DispatchPayload.fromJson(valid("{\"messages\":" + deep + "}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is not valid JSON");
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeItIsParsed() {
        String huge = withMessages(
                "[{\"role\":\"user\",\"content\":\"" + "x".repeat(DispatchPayload.MAX_JSON_CHARS) + "\"}]");
        assertThatThrownBy(() -> DispatchPayload.fromJson(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload must be at most " + DispatchPayload.MAX_JSON_CHARS + " characters");
    }

    @Test
    void aPayloadNeedsARequestAndADeadlineNotBeforeTheEpoch() {
        assertThatThrownBy(() -> new DispatchPayload(null, true, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DispatchPayload(ExpertRequest.of("x"), true, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadlineMillis");
        assertThatThrownBy(() -> DispatchPayload.fromJson(null)).isInstanceOf(NullPointerException.class);
    }
}
