package io.coerouter.router.experts;

import static io.coerouter.router.experts.ExpertRegistryTest.def;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.CircuitOverride;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StoredExpertJsonTest {

    /** What the admin API took for the expert that the version-1 capture below holds. */
    private static final String FULL =
            """
            {"id":"gpt","adapter":"openai","base_url":"https://api.example.com/v1","model":"gpt-x",
             "api_key_env":"GPT_KEY","input_price_per_1k":"0.5","output_price_per_1k":1.5,"max_concurrency":4,
             "request_timeout":"30s","first_token_timeout":"1500ms","fallbacks":["echo"],"context_window":8192,
             "options":{"api-version":"2024-10-21","b":"x"},
             "resilience":{"max_attempts":2,"requests_per_minute":60,"open_wait":"5s"}}""";

    private static String resource(String name) throws Exception {
        try (InputStream in = StoredExpertJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void readsWhatTheStoreWroteBeforeItHadASchemaVersion() throws Exception {
        // Captured from RedisExpertStore before the stored format became its own type (schema_version 1).
        StoredExpert full = StoredExpertJson.read(resource("stored-expert-v1-full.json"));
        StoredExpert echo = StoredExpertJson.read(resource("stored-expert-v1-echo.json"));

        assertThat(full)
                .isEqualTo(new StoredExpert(
                        def(FULL), ExpertState.DRAINING, ExpertSource.ADMIN, CircuitOverride.FORCED_OPEN));
        assertThat(echo)
                .isEqualTo(new StoredExpert(
                        def("{\"id\":\"echo\",\"adapter\":\"echo\"}"), ExpertState.ENABLED, ExpertSource.CONFIG));
    }

    @Test
    void writesTheVersionAndTheVersionOneFieldsUnchanged() throws Exception {
        var json = JsonMapper.builder().build();
        StoredExpert expert =
                new StoredExpert(def(FULL), ExpertState.DRAINING, ExpertSource.ADMIN, CircuitOverride.FORCED_OPEN);

        var written = json.readTree(StoredExpertJson.write(expert));
        var before = json.readTree(resource("stored-expert-v1-full.json"));

        assertThat(written.path("schema_version").asInt()).isEqualTo(StoredExpertJson.VERSION);
        ((tools.jackson.databind.node.ObjectNode) written).remove("schema_version");
        assertThat(written).isEqualTo(before);
        assertThat(StoredExpertJson.read(StoredExpertJson.write(expert))).isEqualTo(expert);
    }

    @Test
    void aLaterVersionOrAnUnknownFieldIsNotReadAndNotQuoted() {
        assertThatThrownBy(() -> StoredExpertJson.read(
                        "{\"schema_version\":99,\"definition\":{\"id\":\"a\",\"adapter\":\"echo\"}}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema_version 99");
        assertThatThrownBy(() -> StoredExpertJson.read(
                        "{\"definition\":{\"id\":\"a\",\"adapter\":\"echo\",\"secret_thing\":\"sk-123\"}}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret_thing")
                .hasMessageNotContaining("sk-123");
    }

    @Test
    void aDescriptionIsStoredAndReadBackAndAnEntryWithoutOneHasNone() throws Exception {
        StoredExpert described = new StoredExpert(
                def("{\"id\":\"a\",\"adapter\":\"echo\",\"description\":\"Capitals.\\nSecond line\"}"),
                ExpertState.ENABLED,
                ExpertSource.ADMIN);

        String written = StoredExpertJson.write(described);

        assertThat(written).contains("\"description\":\"Capitals.\\nSecond line\"");
        assertThat(StoredExpertJson.read(written)).isEqualTo(described);
        assertThat(StoredExpertJson.read(written).definition().description()).isEqualTo("Capitals.\nSecond line");
        assertThat(StoredExpertJson.read(resource("stored-expert-v1-echo.json"))
                        .definition()
                        .description())
                .isNull();
    }

    @Test
    void aFieldLeftOutTakesTheConfigurationsDefault() {
        StoredExpert stored = StoredExpertJson.read("{\"definition\":{\"id\":\"a\",\"adapter\":\"echo\"}}");

        assertThat(stored.definition()).isEqualTo(def("{\"id\":\"a\",\"adapter\":\"echo\"}"));
        assertThat(stored.source()).isEqualTo(ExpertSource.ADMIN);
        assertThat(stored.state()).isEqualTo(ExpertState.ENABLED);
    }
}
