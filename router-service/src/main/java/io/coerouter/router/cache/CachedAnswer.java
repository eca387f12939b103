package io.coerouter.router.cache;

import io.coerouter.expert.FinishReason;
import io.coerouter.router.routing.CoeTrace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One cache entry as stored: the answer and what it took to make it.
 *
 * @param id the entry's public id ({@code cache-...}), for the admin API
 * @param scope whose it is ({@link CacheKeys#scope})
 * @param keyId the API key whose request made it, or null (keys off)
 * @param exact the request's {@link CacheKeys#exact} hash
 * @param context its {@link CacheKeys#context} hash, or null when it can only match exactly
 * @param model the requested model ({@code coe} or an expert id)
 * @param query the last user message, or null when it can only match exactly
 * @param embedding the unit-length embedding of {@code query}, or null when it can only match exactly
 * @param text the answer
 * @param finishReason why the answer ended
 * @param inputTokens prompt tokens the answer took when it was made
 * @param outputTokens completion tokens likewise
 * @param costUsd what its expert calls cost then
 * @param route {@code coe} or {@code direct}
 * @param skills the question's skills with their probabilities, best first (empty for a direct request)
 * @param experts the experts whose answers made it
 * @param aggregator the aggregator that merged them, or null
 * @param createdAt when it was kept
 * @param expiresAt when it stops being served
 */
public record CachedAnswer(
        String id,
        String scope,
        String keyId,
        String exact,
        String context,
        String model,
        String query,
        float[] embedding,
        String text,
        FinishReason finishReason,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        String route,
        List<CoeTrace.SkillScore> skills,
        List<String> experts,
        String aggregator,
        Instant createdAt,
        Instant expiresAt) {

    public CachedAnswer {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        Objects.requireNonNull(exact, "exact must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(finishReason, "finishReason must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        skills = skills == null ? List.of() : List.copyOf(skills);
        experts = experts == null ? List.of() : List.copyOf(experts);
    }

    /** The question's top skill, or null. */
    public String topSkill() {
        return skills.isEmpty() ? null : skills.get(0).id();
    }

    /** Whether it is past its time at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether a semantic lookup may match it. */
    public boolean semantic() {
        return context != null && query != null && embedding != null;
    }

    /** Whether it matches {@code filter}. */
    public boolean matches(CacheFilter filter) {
        return (filter.keyId() == null || filter.keyId().equals(keyId))
                && (filter.expert() == null || experts.contains(filter.expert()))
                && (filter.skill() == null || filter.skill().equals(topSkill()));
    }

    /** Names the entry, never its question or answer. */
    @Override
    public String toString() {
        return "CachedAnswer[id=" + id + ", scope=" + scope + ", model=" + model + ", expiresAt=" + expiresAt + "]";
    }
}
