package io.coerouter.router.telemetry.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.telemetry.BucketCounts;
import io.coerouter.router.telemetry.Overview;
import io.coerouter.router.telemetry.Replica;
import io.coerouter.router.telemetry.ReplicaRecord;
import io.coerouter.router.telemetry.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /admin/overview}: every replica, and the window's figures summed over all of them, in total and per
 * minute.
 *
 * @param replica the replica that answered
 */
public record OverviewView(
        @JsonProperty("object") String object,
        @JsonProperty("window_seconds") long windowSeconds,
        @JsonProperty("step_seconds") long stepSeconds,
        @JsonProperty("replica") String replica,
        @JsonProperty("replicas") List<ReplicaJson> replicas,
        @JsonProperty("totals") Totals totals,
        @JsonProperty("series") Series series) {

    static OverviewView of(String self, List<Replica> replicas, Overview overview) {
        long seconds = overview.window().length().toSeconds();
        return new OverviewView(
                "console.overview",
                seconds,
                Window.STEP.toSeconds(),
                self,
                replicas.stream().map(ReplicaJson::of).toList(),
                Totals.of(overview.total(), seconds),
                Series.of(overview));
    }

    /** A replica; {@code healthy} when its last heartbeat is younger than three heartbeat periods. */
    public record ReplicaJson(
            @JsonProperty("id") String id,
            @JsonProperty("self") boolean self,
            @JsonProperty("started_at") long startedAt,
            @JsonProperty("last_seen") long lastSeen,
            @JsonProperty("healthy") boolean healthy,
            @JsonProperty("experts") int experts,
            @JsonProperty("loaded_models") int loadedModels,
            @JsonProperty("version") String version) {

        static ReplicaJson of(Replica replica) {
            ReplicaRecord r = replica.record();
            return new ReplicaJson(
                    r.id(),
                    replica.self(),
                    r.startedAt(),
                    r.lastSeen(),
                    replica.healthy(),
                    r.experts(),
                    r.loadedModels(),
                    r.version());
        }
    }

    /** The window's totals; the latency percentiles are null without requests. */
    public record Totals(
            @JsonProperty("requests") long requests,
            @JsonProperty("errors") long errors,
            @JsonProperty("error_rate") double errorRate,
            @JsonProperty("requests_per_second") double requestsPerSecond,
            @JsonProperty("p50_ms") Double p50Ms,
            @JsonProperty("p99_ms") Double p99Ms,
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("tokens") long tokens,
            @JsonProperty("cost_usd") double costUsd,
            @JsonProperty("model_loads") long modelLoads,
            @JsonProperty("model_swaps") long modelSwaps) {

        static Totals of(BucketCounts c, long seconds) {
            return new Totals(
                    c.requests(),
                    c.errors(),
                    c.requests() == 0 ? 0 : round((double) c.errors() / c.requests(), 4),
                    round((double) c.requests() / seconds, 4),
                    c.p50Ms(),
                    c.p99Ms(),
                    c.promptTokens(),
                    c.completionTokens(),
                    c.tokens(),
                    c.costUsd(),
                    c.modelLoads(),
                    c.modelSwaps());
        }
    }

    /** Per-minute figures, oldest first; {@code t} holds each minute's start (epoch seconds). */
    public record Series(
            @JsonProperty("t") List<Long> t,
            @JsonProperty("requests") List<Long> requests,
            @JsonProperty("errors") List<Long> errors,
            @JsonProperty("p50_ms") List<Double> p50Ms,
            @JsonProperty("p99_ms") List<Double> p99Ms,
            @JsonProperty("tokens") List<Long> tokens,
            @JsonProperty("cost_usd") List<Double> costUsd,
            @JsonProperty("model_loads") List<Long> modelLoads,
            @JsonProperty("model_swaps") List<Long> modelSwaps) {

        static Series of(Overview overview) {
            List<Overview.Bucket> b = overview.buckets();
            // Lists that keep nulls: a minute without requests has no percentiles.
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            b.forEach(x -> {
                p50.add(x.counts().p50Ms());
                p99.add(x.counts().p99Ms());
            });
            return new Series(
                    b.stream().map(Overview.Bucket::start).toList(),
                    b.stream().map(x -> x.counts().requests()).toList(),
                    b.stream().map(x -> x.counts().errors()).toList(),
                    Collections.unmodifiableList(p50),
                    Collections.unmodifiableList(p99),
                    b.stream().map(x -> x.counts().tokens()).toList(),
                    b.stream().map(x -> x.counts().costUsd()).toList(),
                    b.stream().map(x -> x.counts().modelLoads()).toList(),
                    b.stream().map(x -> x.counts().modelSwaps()).toList());
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
