package io.coerouter.router.experts;

import static io.coerouter.router.experts.ExpertRegistryTest.def;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.experts.web.ExpertJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExpertJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String FULL =
            """
            {"id":"gpt","adapter":"openai","base_url":"https://api.example.com/v1","model":"gpt-x",
             "api_key_env":"GPT_KEY","input_price_per_1k":"0.5","output_price_per_1k":1.5,"max_concurrency":4,
             "request_timeout":"30s","fallbacks":["echo"],"context_window":8192,
             "options":{"api-version":"2024-10-21"},
             "resilience":{"max_attempts":2,"requests_per_minute":60,"open_wait":"5s"}}""";

    @Test
    void readsEveryFieldWithTheConfigurationsDefaultsForTheRest() {
        ExpertProperties p = def(FULL);

        assertThat(p.id()).isEqualTo("gpt");
        assertThat(p.baseUrl()).hasToString("https://api.example.com/v1");
        assertThat(p.apiKeyEnv()).isEqualTo("GPT_KEY");
        assertThat(p.inputPricePer1k()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.fallbacks()).containsExactly("echo");
        assertThat(p.options()).isEqualTo(Map.of("api-version", "2024-10-21"));
        assertThat(p.resilience().maxAttempts()).isEqualTo(2);
        assertThat(p.resilience().requestsPerMinute()).isEqualTo(60);
        assertThat(p.resilience().openWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.resilience().slidingWindowSize()).isEqualTo(20);
    }

    @Test
    void writesWhatItReadsBack() {
        ExpertProperties p = def(FULL);

        assertThat(ExpertJson.read(ExpertJson.write(p))).isEqualTo(p);
        assertThat(ExpertJson.write(p).path("request_timeout").asString()).isEqualTo("30s");
    }

    @Test
    void takesKebabAndCamelCaseNamesToo() {
        assertThat(def("{\"id\":\"a\",\"adapter\":\"echo\",\"max-concurrency\":3}")
                        .maxConcurrency())
                .isEqualTo(3);
        assertThat(def("{\"id\":\"a\",\"adapter\":\"echo\",\"maxConcurrency\":5}")
                        .maxConcurrency())
                .isEqualTo(5);
    }

    @Test
    void refusesUnknownFieldsAndUnreadableValuesNamingTheField() {
        assertThatThrownBy(() -> def("{\"id\":\"a\",\"adapter\":\"echo\",\"max_concurency\":3}"))
                .isInstanceOfSatisfying(InvalidExpertException.class, e -> {
                    assertThat(e.param()).isEqualTo("max_concurency");
                    assertThat(e.getMessage()).contains("max_concurrency");
                });
        assertThatThrownBy(() -> def("{\"id\":\"a\",\"adapter\":\"echo\",\"resilience\":{\"retries\":3}}"))
                .isInstanceOfSatisfying(
                        InvalidExpertException.class, e -> assertThat(e.param()).isEqualTo("resilience.retries"));
        assertThatThrownBy(() -> def("{\"id\":\"a\",\"adapter\":\"echo\",\"max_concurrency\":\"many\"}"))
                .isInstanceOfSatisfying(InvalidExpertException.class, e -> {
                    assertThat(e.param()).isEqualTo("max_concurrency");
                    assertThat(e.getMessage()).contains("many");
                });
        assertThatThrownBy(() -> def("[1]")).isInstanceOf(InvalidExpertException.class);
    }

    @Test
    void aMergeLaysThePatchOverTheDefinitionAndNullRemovesASetting() {
        var json = JsonMapper.builder().build();
        ExpertProperties p = def(FULL);

        ExpertProperties patched = ExpertJson.read(ExpertJson.merge(
                ExpertJson.write(p),
                json.readTree("{\"max_concurrency\":9,\"resilience\":{\"max_attempts\":1},\"fallbacks\":null}")));

        assertThat(patched.maxConcurrency()).isEqualTo(9);
        assertThat(patched.resilience().maxAttempts()).isEqualTo(1);
        assertThat(patched.resilience().requestsPerMinute()).isEqualTo(60);
        assertThat(patched.fallbacks()).isEqualTo(List.of());
        assertThat(patched.apiKeyEnv()).isEqualTo("GPT_KEY");
    }

    @Test
    void refusesOneFieldNamedTwiceUnderDifferentSpellings() {
        assertThatThrownBy(
                        () -> def(
                                "{\"id\":\"dup3\",\"adapter\":\"echo\",\"max_concurrency\":4,\"maxConcurrency\":8,\"max-concurrency\":12}"))
                .isInstanceOfSatisfying(InvalidExpertException.class, e -> {
                    assertThat(e.code()).isEqualTo("duplicate_key");
                    assertThat(e.param()).isEqualTo("max_concurrency");
                });
        assertThatThrownBy(() -> def(
                        "{\"id\":\"d\",\"adapter\":\"echo\",\"resilience\":{\"max_attempts\":2,\"maxAttempts\":9}}"))
                .isInstanceOfSatisfying(InvalidExpertException.class, e -> {
                    assertThat(e.code()).isEqualTo("duplicate_key");
                    assertThat(e.param()).isEqualTo("resilience.max_attempts");
                });
        assertThatThrownBy(() -> ExpertJson.merge(
                        ExpertJson.write(def("{\"id\":\"d\",\"adapter\":\"echo\"}")),
                        JSON.readTree("{\"maxConcurrency\":8,\"max_concurrency\":12}")))
                .isInstanceOfSatisfying(
                        InvalidExpertException.class, e -> assertThat(e.code()).isEqualTo("duplicate_key"));
    }

    @Test
    void saysPlainlyWhyANumberOrAnOptionKeyCannotBeRead() {
        assertThatThrownBy(() -> def("{\"id\":\"p\",\"adapter\":\"echo\",\"max_concurrency\":1.5}"))
                .isInstanceOf(InvalidExpertException.class)
                .hasMessage("max_concurrency must be a whole number, but was '1.5'.");
        assertThatThrownBy(() -> def("{\"id\":\"pz\",\"adapter\":\"echo\",\"options\":{\"\":\"v\"}}"))
                .isInstanceOf(InvalidExpertException.class)
                .hasMessage("options keys must be non-empty.");
    }
}
