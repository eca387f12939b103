package io.coerouter.router.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A gateway API key as stored: never the secret, only its SHA-256 hash and a hint of its first characters.
 *
 * @param id the key's public id ({@code key_...}), used by the admin API
 * @param name what the key is for
 * @param hash the SHA-256 of the secret, hex
 * @param hint the secret's first characters, to tell keys apart in lists
 * @param models the models ({@code coe} or expert ids) the key may call; empty: all
 * @param experts the experts its requests may reach, whether named or recruited by routing; empty: all
 * @param requestsPerMinute the most requests per minute, 0 for no limit
 * @param tokensPerMinute the most tokens (prompt and answer) per minute, 0 for no limit
 * @param budgetUsd the most the key may spend in US dollars, or null for no budget
 * @param enabled whether the key is accepted
 * @param createdAt when it was created
 */
public record ApiKey(
        String id,
        String name,
        String hash,
        String hint,
        List<String> models,
        List<String> experts,
        int requestsPerMinute,
        long tokensPerMinute,
        BigDecimal budgetUsd,
        boolean enabled,
        Instant createdAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(hash, "hash must not be null");
        models = models == null ? List.of() : List.copyOf(models);
        experts = experts == null ? List.of() : List.copyOf(experts);
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requests_per_minute must be >= 0, but was " + requestsPerMinute);
        }
        if (tokensPerMinute < 0) {
            throw new IllegalArgumentException("tokens_per_minute must be >= 0, but was " + tokensPerMinute);
        }
        if (budgetUsd != null && budgetUsd.signum() < 0) {
            throw new IllegalArgumentException("budget_usd must be >= 0, but was " + budgetUsd);
        }
    }

    /** Whether this key may call {@code model}. */
    public boolean allows(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** Whether this key's requests may reach expert {@code id}. */
    public boolean reaches(String id) {
        return experts.isEmpty() || experts.contains(id);
    }

    public ApiKey withEnabled(boolean value) {
        return new ApiKey(
                id, name, hash, hint, models, experts, requestsPerMinute, tokensPerMinute, budgetUsd, value, createdAt);
    }
}
