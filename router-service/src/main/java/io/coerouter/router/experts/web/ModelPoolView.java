package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.expert.PoolSnapshot;
import io.coerouter.expert.Tier;
import io.coerouter.router.experts.PoolActivity;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /admin/pool}: this replica's model pool: the memory budgets and their use, every model it has seen,
 * its loads and evictions since start, and per minute over the last 15 minutes.
 */
public record ModelPoolView(
        @JsonProperty("object") String object,
        @JsonProperty("replica") String replica,
        @JsonProperty("device") Memory device,
        @JsonProperty("host") Memory host,
        @JsonProperty("models") List<Model> models,
        @JsonProperty("totals") Totals totals,
        @JsonProperty("series") Series series) {

    static ModelPoolView of(String replica, PoolSnapshot snapshot, PoolActivity.Series activity) {
        List<PoolSnapshot.ModelState> models = snapshot.models();
        return new ModelPoolView(
                "model_pool",
                replica,
                new Memory(snapshot.deviceBudgetBytes(), snapshot.deviceUsedBytes()),
                new Memory(snapshot.hostBudgetBytes(), snapshot.hostUsedBytes()),
                models.stream().map(Model::of).toList(),
                new Totals(
                        models.stream()
                                .mapToLong(m -> m.loadsFromDisk() + m.loadsFromHost())
                                .sum(),
                        models.stream()
                                .mapToLong(PoolSnapshot.ModelState::evictions)
                                .sum()),
                new Series(activity.t(), activity.loads(), activity.evictions()));
    }

    /** A memory tier's budget and the bytes it holds. */
    public record Memory(@JsonProperty("budget_bytes") long budgetBytes, @JsonProperty("used_bytes") long usedBytes) {}

    /**
     * A model the pool has seen.
     *
     * @param tier where it is now: {@code device} (loaded), {@code host} (its bytes kept in memory) or {@code disk}
     * @param inUse leases held now; a model in use is never unloaded
     * @param lastUsedAt when it was last taken or given back (epoch seconds), null when never
     */
    public record Model(
            @JsonProperty("id") String id,
            @JsonProperty("tier") String tier,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("in_use") int inUse,
            @JsonProperty("pinned") boolean pinned,
            @JsonProperty("loading") boolean loading,
            @JsonProperty("last_used_at") Long lastUsedAt) {

        static Model of(PoolSnapshot.ModelState m) {
            return new Model(
                    m.id(),
                    tierName(m.tier()),
                    m.bytes(),
                    m.inUse(),
                    m.pinned(),
                    m.loading(),
                    m.lastUsed() == null ? null : m.lastUsed().getEpochSecond());
        }
    }

    /** Loads (from disk or the host tier) and evictions since this replica started. */
    public record Totals(@JsonProperty("loads") long loads, @JsonProperty("evictions") long evictions) {}

    /** Per-minute loads and evictions, oldest first; {@code t} holds each minute's start (epoch seconds). */
    public record Series(
            @JsonProperty("t") List<Long> t,
            @JsonProperty("loads") List<Long> loads,
            @JsonProperty("evictions") List<Long> evictions) {}

    static String tierName(Tier tier) {
        return tier.name().toLowerCase(Locale.ROOT);
    }
}
