package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.experts.web.ExpertJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one check of an expert's fields, as the admin API, the store and the configuration apply it. */
class ExpertDefinitionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "llama3:8b", "capitals-expert", "o1", "Qwen2.5_7B", "7b-chat"})
    void takesUsualIds(String id) {
        assertThat(ExpertDefinitions.validId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Infinity",
                "-Infinity",
                "NaN",
                "nan",
                "1e5",
                "1E+999",
                "42",
                "3.14",
                "0x1F",
                "../x",
                "a/b",
                "a..b",
                "coe",
                "COE",
                "-x",
                ".x",
                "",
                " x"
            })
    void refusesNumbersPathsAndTheRoutersOwnName(String id) {
        assertThat(ExpertDefinitions.validId(id)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\":\"a\",\"adapter\":\"echo\",\"input_price_per_1k\":\"1e999\"}|input_price_per_1k",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"output_price_per_1k\":-0.5}|output_price_per_1k",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"input_price_per_1k\":\"NaN\"}|input_price_per_1k",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"max_concurrency\":0}|max_concurrency",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"context_window\":-1}|context_window",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"request_timeout\":\"0s\"}|request_timeout",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"connect_timeout\":\"3h\"}|connect_timeout",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"resilience\":{\"backoff_multiplier\":\"Infinity\"}}|resilience.backoff_multiplier",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"resilience\":{\"jitter\":\"1e999\"}}|resilience.jitter",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"base_url\":\"ftp://h/\"}|base_url",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"base_url\":\"http://user:pw@h/\"}|base_url",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"api_key_env\":\"sk-live-123\"}|api_key_env",
                "{\"id\":\"a\",\"adapter\":\"echo\",\"fallbacks\":[\"../b\"]}|fallbacks",
                "{\"id\":\"a\",\"adapter\":\"ECHO!\"}|adapter",
                "{\"id\":\"x2\"}|adapter",
                "{\"id\":\"Infinity\",\"adapter\":\"echo\"}|id"
            })
    void refusesAnOutOfBoundsFieldNamingIt(String json, String param) {
        assertThatThrownBy(() -> ExpertJson.read(DemoJson.parse(json)))
                .isInstanceOfSatisfying(
                        InvalidExpertException.class, e -> assertThat(e.param()).isEqualTo(param))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-live-123", "pw@"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../../../../stolen",
                "a?key=1&x=",
                "gpt#frag",
                "m%2e%2e",
                "/absolute",
                "a/./b",
                "has space",
                "back\\slash",
                "tab\tin"
            })
    void refusesAModelNameThatWouldBendAProviderUrl(String model) {
        String json = "{\"id\":\"a\",\"adapter\":\"azure-openai\",\"model\":"
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(model) + "}";

        assertThatThrownBy(() -> ExpertJson.read(DemoJson.parse(json)))
                .isInstanceOfSatisfying(
                        InvalidExpertException.class, e -> assertThat(e.param()).isEqualTo("model"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"meta-llama/Llama-3.1-8B", "llama3.2:1b", "gpt-4o-mini", "my_model@v2", "qwen2.5"})
    void takesHuggingFaceNamesAndOllamaTags(String model) {
        assertThat(ExpertJson.read(DemoJson.parse("{\"id\":\"a\",\"adapter\":\"openai\",\"model\":\"" + model + "\"}"))
                        .model())
                .isEqualTo(model);
    }

    @Test
    void aDescriptionIsFreeTextWithLineBreaksUpTo1024Characters() {
        String text = "Answers capital cities.\nFast, \"cheap\" & local: ünïcödé ok";
        var read = ExpertJson.read(
                DemoJson.parse("{\"id\":\"a\",\"adapter\":\"echo\",\"description\":" + DemoJson.quote(text) + "}"));
        var longest = ExpertJson.read(
                DemoJson.parse("{\"id\":\"a\",\"adapter\":\"echo\",\"description\":\"" + "d".repeat(1024) + "\"}"));
        var blank = ExpertJson.read(DemoJson.parse("{\"id\":\"a\",\"adapter\":\"echo\",\"description\":\"  \"}"));

        assertThat(read.description()).isEqualTo(text);
        assertThat(longest.description()).hasSize(1024);
        assertThat(blank.description()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\tinside", "bell\u0007", "carriage\rreturn", "nul\u0000", "escape\u001b[31m"})
    void aDescriptionWithAControlCharacterOrTooLongIsRefusedNamingIt(String text) {
        for (String description : java.util.List.of(text, "x".repeat(1025))) {
            assertThatThrownBy(() -> ExpertJson.read(DemoJson.parse("{\"id\":\"a\",\"adapter\":\"echo\","
                            + "\"description\":" + DemoJson.quote(description) + "}")))
                    .isInstanceOfSatisfying(InvalidExpertException.class, e -> assertThat(e.param())
                            .isEqualTo("description"));
        }
    }

    /** JSON for the tests. */
    private static final class DemoJson {
        private static final tools.jackson.databind.json.JsonMapper JSON =
                tools.jackson.databind.json.JsonMapper.builder().build();

        static tools.jackson.databind.JsonNode parse(String json) {
            return JSON.readTree(json);
        }

        static String quote(String text) {
            return JSON.writeValueAsString(text);
        }
    }
}
