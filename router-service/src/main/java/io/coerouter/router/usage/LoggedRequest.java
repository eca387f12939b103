package io.coerouter.router.usage;

import io.coerouter.expert.ChatMessage;
import io.coerouter.router.routing.CoeTrace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the request log.
 *
 * @param keyId the caller's key id, {@code ""} when keys are off
 * @param route {@code coe} or {@code direct}; null when the request failed before it was routed
 * @param skills the query's skills with their scores
 * @param experts the experts called, each with its status (and error, when it failed)
 * @param latencyMs the request's latency; null when it was not timed (a Batch API line)
 * @param status {@code ok} or {@code error}
 * @param errorKind the error kind, lower case, or null
 * @param messages the request's messages, only when content is captured, else null
 * @param answer the answer text, only when content is captured, else null
 * @param cache how the response cache answered it ({@code exact} or {@code semantic}), or null when it did not
 * @param cacheSimilarity the cosine similarity of its question to the cached one (1 for an exact match), or null
 */
public record LoggedRequest(
        String id,
        Instant startedAt,
        String keyId,
        String model,
        String route,
        boolean stream,
        List<CoeTrace.SkillScore> skills,
        List<ExpertOutcome> experts,
        String aggregator,
        String status,
        String errorKind,
        String errorCode,
        Double latencyMs,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        String traceId,
        List<Message> messages,
        String answer,
        String cache,
        Double cacheSimilarity) {

    /** An expert called for the request and how its call ended. */
    public record ExpertOutcome(String id, String status, String error) {}

    /** A message of the request (captured content). */
    public record Message(String role, String content) {}

    /** {@code request} as the log keeps it: with its messages and answer only when {@code captureContent}. */
    static LoggedRequest of(CompletedRequest request, boolean captureContent) {
        CoeTrace trace = request.trace();
        CoeTrace.Cache cache = trace == null ? null : trace.cache();
        List<ExpertOutcome> experts = new ArrayList<>();
        if (trace != null) {
            trace.experts().forEach(c -> experts.add(new ExpertOutcome(c.id(), c.status(), c.error())));
        }
        request.failedExperts().forEach(f -> experts.add(new ExpertOutcome(f.expertId(), "failed", f.error())));
        List<Message> messages = null;
        if (captureContent) {
            messages = new ArrayList<>();
            for (ChatMessage m : request.messages()) {
                messages.add(new Message(m.role().name().toLowerCase(Locale.ROOT), storable(m.content())));
            }
        }
        return new LoggedRequest(
                request.id(),
                request.startedAt(),
                request.keyId() == null ? "" : request.keyId(),
                request.model() == null ? "" : request.model(),
                trace == null ? null : trace.route(),
                request.stream(),
                trace == null || trace.skills() == null ? List.of() : List.copyOf(trace.skills()),
                List.copyOf(experts),
                trace == null ? null : trace.aggregator(),
                request.answered() ? "ok" : "error",
                request.errorKind() == null ? null : request.errorKind().name().toLowerCase(Locale.ROOT),
                request.errorCode(),
                request.timed() ? Math.round(request.latencyNanos() / 1_000.0) / 1_000.0 : null,
                request.inputTokens(),
                request.outputTokens(),
                request.costUsd(),
                request.traceId(),
                messages == null ? null : List.copyOf(messages),
                captureContent ? storable(request.answer()) : null,
                cache == null ? null : cache.kind(),
                cache == null ? null : cache.similarity());
    }

    /** {@code text} without U+0000, which PostgreSQL's text and jsonb refuse. */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }
}
