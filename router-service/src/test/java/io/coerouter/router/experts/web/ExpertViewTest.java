package io.coerouter.router.experts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExpertViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ExpertView view(Boolean drained) {
        var echo = ExpertJson.read(JSON.readTree("{\"id\":\"echo\",\"adapter\":\"echo\"}"));
        return new ExpertView(
                "coe.expert",
                "echo",
                "echo",
                null,
                16,
                true,
                drained == null ? "enabled" : "draining",
                "config",
                true,
                "none",
                0,
                2,
                7,
                1,
                drained,
                List.of(),
                false,
                null,
                ExpertDefinitionJson.of(echo, false));
    }

    @Test
    void fieldsComeInTheOrderTheyAlwaysHaveWithANullModelShownAndDrainedOnlyWhenDraining() {
        String enabled = JSON.writeValueAsString(view(null));
        String draining = JSON.writeValueAsString(view(true));

        assertThat(enabled)
                .startsWith("{\"object\":\"coe.expert\",\"id\":\"echo\",\"adapter\":\"echo\",\"model\":null,"
                        + "\"max_concurrency\":16,\"default\":true,\"state\":\"enabled\",\"source\":\"config\","
                        + "\"available\":true,\"circuit\":\"none\",\"in_flight\":0,\"queued\":2,\"calls\":7,\"errors\":1,"
                        + "\"fallbacks\":[],"
                        + "\"has_api_key\":false,\"definition\":{\"id\":\"echo\",")
                .doesNotContain("drained")
                .doesNotContain("api_key_env");
        assertThat(draining).contains("\"errors\":1,\"drained\":true,\"fallbacks\":[]");
    }

    @Test
    void aBrokenEntryAndADeletionKeepTheirShapes() {
        assertThat(JSON.writeValueAsString(BrokenExpertView.of("x", "not valid JSON")))
                .isEqualTo("{\"object\":\"coe.expert\",\"id\":\"x\",\"state\":\"broken\",\"reason\":\"not valid JSON\","
                        + "\"available\":false}");
        assertThat(JSON.writeValueAsString(ExpertDeleted.of("x")))
                .isEqualTo("{\"id\":\"x\",\"object\":\"coe.expert.deleted\",\"deleted\":true}");
        assertThat(JSON.writeValueAsString(ExpertList.of(List.of(BrokenExpertView.of("x", "r")))))
                .startsWith("{\"object\":\"list\",\"data\":[{\"object\":\"coe.expert\",\"id\":\"x\",");
    }
}
