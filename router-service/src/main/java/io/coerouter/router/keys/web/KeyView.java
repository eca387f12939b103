package io.coerouter.router.keys.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.keys.ApiKey;
import java.math.BigDecimal;
import java.util.List;

/** A key as the admin API shows it; {@code key} (the secret) only in the answer that created it, else null. */
record KeyView(
        String object,
        String id,
        String name,
        String hint,
        List<String> models,
        List<String> experts,
        @JsonProperty("requests_per_minute") int requestsPerMinute,
        @JsonProperty("tokens_per_minute") long tokensPerMinute,
        @JsonProperty("budget_usd") BigDecimal budgetUsd,
        @JsonProperty("spent_usd") BigDecimal spentUsd,
        boolean enabled,
        @JsonProperty("created_at") long createdAt,
        String key) {

    /** {@code k}, having spent {@code spent}; {@code secret} only when it was just created. */
    static KeyView of(ApiKey k, BigDecimal spent, String secret) {
        return new KeyView(
                "api_key",
                k.id(),
                k.name(),
                k.hint() + "...",
                k.models(),
                k.experts(),
                k.requestsPerMinute(),
                k.tokensPerMinute(),
                k.budgetUsd(),
                spent,
                k.enabled(),
                k.createdAt().getEpochSecond(),
                secret);
    }
}
