package io.coerouter.router.experts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExpertDefinitionJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The definition the admin API showed before it was a typed record (the reflective writer's output). */
    private static final String SHOWN_BEFORE = "{\"id\":\"gpt\",\"adapter\":\"openai\","
            + "\"base_url\":\"https://api.example.com/v1\",\"model\":\"gpt-x\",\"input_price_per_1k\":0.5,"
            + "\"output_price_per_1k\":1.5,\"max_concurrency\":4,\"connect_timeout\":\"10s\",\"request_timeout\":\"30s\","
            + "\"resilience\":{\"circuit_breaker\":true,\"failure_rate_threshold\":50.0,\"slow_call_rate_threshold\":100.0,"
            + "\"slow_call_duration\":\"1m\",\"sliding_window_size\":20,\"minimum_calls\":10,\"open_wait\":\"5s\","
            + "\"half_open_calls\":3,\"max_attempts\":2,\"initial_backoff\":\"500ms\",\"backoff_multiplier\":2.0,"
            + "\"max_backoff\":\"10s\",\"jitter\":0.5,\"max_retry_after\":\"10s\",\"requests_per_minute\":60,"
            + "\"tokens_per_minute\":0},\"fallbacks\":[\"echo\"],\"first_token_timeout\":\"1500ms\","
            + "\"context_window\":8192,\"options\":{\"api-version\":\"2024-10-21\",\"b\":\"x\"}}";

    private static final String ECHO_SHOWN_BEFORE = "{\"id\":\"echo\",\"adapter\":\"echo\",\"input_price_per_1k\":0,"
            + "\"output_price_per_1k\":0,\"max_concurrency\":16,\"connect_timeout\":\"10s\",\"request_timeout\":\"2m\","
            + "\"resilience\":{\"circuit_breaker\":true,\"failure_rate_threshold\":50.0,\"slow_call_rate_threshold\":100.0,"
            + "\"slow_call_duration\":\"1m\",\"sliding_window_size\":20,\"minimum_calls\":10,\"open_wait\":\"30s\","
            + "\"half_open_calls\":3,\"max_attempts\":3,\"initial_backoff\":\"500ms\",\"backoff_multiplier\":2.0,"
            + "\"max_backoff\":\"10s\",\"jitter\":0.5,\"max_retry_after\":\"10s\",\"requests_per_minute\":0,"
            + "\"tokens_per_minute\":0},\"fallbacks\":[],\"context_window\":0}";

    private static final String FULL =
            """
            {"id":"gpt","adapter":"openai","base_url":"https://api.example.com/v1","model":"gpt-x",
             "api_key_env":"GPT_KEY","input_price_per_1k":"0.5","output_price_per_1k":1.5,"max_concurrency":4,
             "request_timeout":"30s","first_token_timeout":"1500ms","fallbacks":["echo"],"context_window":8192,
             "options":{"b":"x","api-version":"2024-10-21"},
             "resilience":{"max_attempts":2,"requests_per_minute":60,"open_wait":"5s"}}""";

    @Test
    void theAnswersDefinitionIsByteForByteWhatItWasAndNeverNamesTheKeyVariable() {
        var full = ExpertJson.read(JSON.readTree(FULL));
        var echo = ExpertJson.read(JSON.readTree("{\"id\":\"echo\",\"adapter\":\"echo\"}"));

        assertThat(JSON.writeValueAsString(ExpertDefinitionJson.of(full, false)))
                .isEqualTo(SHOWN_BEFORE);
        assertThat(JSON.writeValueAsString(ExpertDefinitionJson.of(echo, false)))
                .isEqualTo(ECHO_SHOWN_BEFORE);
    }

    @Test
    void aDescriptionIsShownLastAndANullInAPatchRemovesIt() {
        var described = ExpertJson.read(
                JSON.readTree("{\"id\":\"echo\",\"adapter\":\"echo\",\"description\":\"Says it back.\"}"));

        assertThat(JSON.writeValueAsString(ExpertDefinitionJson.of(described, false)))
                .isEqualTo(ECHO_SHOWN_BEFORE.substring(0, ECHO_SHOWN_BEFORE.length() - 1)
                        + ",\"description\":\"Says it back.\"}");
        var reset =
                ExpertJson.read(ExpertJson.merge(ExpertJson.write(described), JSON.readTree("{\"description\":null}")));
        assertThat(reset.description()).isNull();
    }

    @Test
    void thePatchBaseKeepsTheKeyVariable() {
        var full = ExpertJson.read(JSON.readTree(FULL));

        assertThat(ExpertJson.write(full).path(ExpertJson.API_KEY_FIELD).asString())
                .isEqualTo("GPT_KEY");
    }
}
