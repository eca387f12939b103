package io.coerouter.router.keys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.ApiKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Key bodies: defaults of a new key, what a change leaves alone, and the errors that name their field. */
class KeyRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode body(String json) {
        return JSON.readTree(json);
    }

    private static final ApiKey KEY = new ApiKey(
            "key-1",
            "old",
            "hash",
            "sk-coe-ab",
            List.of("coe"),
            List.of("alpha"),
            5,
            600,
            new BigDecimal("2.50"),
            true,
            Instant.EPOCH);

    @Test
    void aNewKeyHasNoLimitsUnlessGiven() {
        KeyRequest request = KeyRequest.forCreation(body("{\"name\":\"team\"}"));

        assertThat(request.limits()).satisfies(l -> {
            assertThat(l.name()).isEqualTo("team");
            assertThat(l.models()).isEmpty();
            assertThat(l.experts()).isEmpty();
            assertThat(l.requestsPerMinute()).isZero();
            assertThat(l.tokensPerMinute()).isZero();
            assertThat(l.budgetUsd()).isNull();
        });
    }

    @Test
    void aNewKeyCannotBeGivenEnabledNorLackAName() {
        assertThatThrownBy(() -> KeyRequest.forCreation(body("{\"name\":\"team\",\"enabled\":false}")))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.param()).isEqualTo("enabled");
                    assertThat(e.code()).isEqualTo("unknown_parameter");
                });
        assertThatThrownBy(() -> KeyRequest.forCreation(body("{}")))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.param()).isEqualTo("name");
                    assertThat(e.code()).isEqualTo("missing_required_parameter");
                });
    }

    @Test
    void aChangeLeavesWhatItDoesNotGive() {
        ApiKey changed = KeyRequest.forChange(body("{\"enabled\":false,\"requests_per_minute\":9}"))
                .applyTo(KEY);

        assertThat(changed)
                .isEqualTo(new ApiKey(
                        "key-1",
                        "old",
                        "hash",
                        "sk-coe-ab",
                        List.of("coe"),
                        List.of("alpha"),
                        9,
                        600,
                        new BigDecimal("2.50"),
                        false,
                        Instant.EPOCH));
    }

    @Test
    void nullsGivenInAChangeClearRestrictionsAndTheBudget() {
        KeyRequest change = KeyRequest.forChange(body("{\"models\":null,\"experts\":null,\"budget_usd\":null}"));
        ApiKey changed = change.applyTo(KEY);

        assertThat(changed.models()).isEmpty();
        assertThat(changed.experts()).isEmpty();
        assertThat(changed.budgetUsd()).isNull();
        assertThat(changed.requestsPerMinute()).isEqualTo(5);
        assertThat(change.given()).containsExactly("models", "experts", "budget_usd");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> KeyRequest.forChange(body("{\"enabled\":\"no\"}")))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.param()).isEqualTo("enabled"));
        assertThatThrownBy(() -> KeyRequest.forChange(body("{\"budget_usd\":-1}")))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.param()).isEqualTo("budget_usd"));
        assertThatThrownBy(() -> KeyRequest.forChange(body("{\"name\":\"a\\u202eb\"}")))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.param()).isEqualTo("name"));
        assertThatThrownBy(() -> KeyRequest.forChange(body("{\"name\":\"" + "n".repeat(201) + "\"}")))
                .isInstanceOfSatisfying(RouterException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("'name' must be at most 200 characters."));
    }
}
