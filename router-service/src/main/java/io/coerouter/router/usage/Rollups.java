package io.coerouter.router.usage;

import io.coerouter.router.routing.CoeTrace;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finished requests added up into hourly rollups: per request one row of the request as a whole (expert {@code ""})
 * and one per expert call, all under the request's top skill, so that grouping by key or skill counts each request
 * once however many experts it recruited. A request answered from the response cache counts on the request's row as
 * a cache hit, with what its answer cost when it was made (it called no expert, so it has no expert rows). A request that was not timed (a Batch API line, whose time includes the
 * batch's queueing) counts everywhere but in the request's latency histogram.
 */
final class Rollups {

    private final Map<RollupKey, Rollup> rows = new TreeMap<>(RollupKey.ORDER);

    /** Adds {@code request}'s rows. */
    void add(CompletedRequest request) {
        Instant hour = request.startedAt().truncatedTo(ChronoUnit.HOURS);
        String key = request.keyId() == null ? "" : request.keyId();
        String model = request.model() == null ? "" : request.model();
        String skill = topSkill(request.trace());
        Rollup whole = row(new RollupKey(hour, key, "", skill, model));
        whole.add(
                !request.answered(),
                request.inputTokens(),
                request.outputTokens(),
                request.costUsd(),
                request.timed() ? request.latencyNanos() / 1e6 : null);
        CoeTrace.Cache cache = request.trace() == null ? null : request.trace().cache();
        if (cache != null) {
            whole.addCacheHit(cache.savedUsd());
        }
        if (request.trace() != null) {
            for (CoeTrace.ExpertCall call : request.trace().experts()) {
                boolean ok = "ok".equals(call.status());
                row(new RollupKey(hour, key, call.id(), skill, model))
                        .add(
                                "failed".equals(call.status()),
                                call.promptTokens() == null ? 0 : call.promptTokens(),
                                call.completionTokens() == null ? 0 : call.completionTokens(),
                                call.costUsd(),
                                ok ? call.latencyMs() : null);
            }
        }
        for (CompletedRequest.FailedExpert failed : request.failedExperts()) {
            row(new RollupKey(hour, key, failed.expertId(), skill, model)).add(true, 0, 0, null, null);
        }
    }

    /** The rows, in {@link RollupKey#ORDER}. */
    Map<RollupKey, Rollup> rows() {
        return rows;
    }

    private Rollup row(RollupKey key) {
        return rows.computeIfAbsent(key, k -> new Rollup());
    }

    /** The likeliest skill of a routed request; {@code ""} for a direct one or one without a trace. */
    static String topSkill(CoeTrace trace) {
        if (trace == null || trace.skills() == null || trace.skills().isEmpty() || !"coe".equals(trace.route())) {
            return "";
        }
        return trace.skills().getFirst().id();
    }
}
