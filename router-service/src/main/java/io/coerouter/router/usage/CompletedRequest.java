package io.coerouter.router.usage;

import io.coerouter.expert.ChatMessage;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.routing.CoeTrace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One chat completion as usage analytics and the request log keep it: who asked, what the router did, how it ended.
 * Built by the chat edge once the answer (or the stream) has ended or failed.
 *
 * @param id the completion's id ({@code chatcmpl-...})
 * @param startedAt when the router began on it
 * @param keyId the caller's API key id; null when API keys are off
 * @param model the requested model ({@code coe} or an expert id)
 * @param stream whether it was streamed
 * @param errorKind null when it was answered, else what went wrong
 * @param errorCode the error's machine-readable code, or null
 * @param latencyNanos from the start of routing to the answer's (or the stream's) end, or the failure; {@link
 *     #NOT_TIMED} (negative) for a Batch API line, whose time includes the batch's queueing: its rollups count it but
 *     not in the latency histogram
 * @param inputTokens prompt tokens of every expert call made for it
 * @param outputTokens completion tokens of those calls
 * @param costUsd what those calls cost (zero when unpriced)
 * @param trace what the router did (skills, experts with their outcomes, aggregator, timings); null when it failed
 *     before an answer was assembled
 * @param failedExperts the experts whose calls failed when no expert answered (their ids and error kinds), else empty
 * @param traceId the OpenTelemetry trace id of the request, or null when tracing is off
 * @param messages the request's messages (content: the request log stores it only when told to)
 * @param answer the answer text (content, likewise), or null
 */
public record CompletedRequest(
        String id,
        Instant startedAt,
        String keyId,
        String model,
        boolean stream,
        ErrorKind errorKind,
        String errorCode,
        long latencyNanos,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        CoeTrace trace,
        List<FailedExpert> failedExperts,
        String traceId,
        List<ChatMessage> messages,
        String answer) {

    /** The latency of a request that was not timed (a Batch API line). */
    public static final long NOT_TIMED = -1;

    /** The most characters of content (messages and answer together) one record keeps; the rest is cut off. */
    public static final int MAX_CONTENT_CHARS = 64 * 1024;

    public CompletedRequest {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        failedExperts = failedExperts == null ? List.of() : List.copyOf(failedExperts);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** Whether its latency was measured. */
    public boolean timed() {
        return latencyNanos >= 0;
    }

    /** This request without its messages and answer. */
    CompletedRequest withoutContent() {
        if (messages.isEmpty() && answer == null) {
            return this;
        }
        return withContent(List.of(), null);
    }

    /**
     * This request with at most {@code max} characters of content: the messages in order, then the answer, each cut
     * off where the total reaches {@code max} (a message past it keeps its role with empty content).
     */
    CompletedRequest withContentCappedAt(int max) {
        long total = answer == null ? 0 : answer.length();
        for (ChatMessage m : messages) {
            total += m.content().length();
        }
        if (total <= max) {
            return this;
        }
        int left = max;
        List<ChatMessage> kept = new java.util.ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            String content =
                    m.content().length() <= left ? m.content() : m.content().substring(0, left);
            left -= content.length();
            kept.add(new ChatMessage(m.role(), content));
        }
        String keptAnswer = answer == null ? null : answer.length() <= left ? answer : answer.substring(0, left);
        return withContent(kept, keptAnswer);
    }

    private CompletedRequest withContent(List<ChatMessage> newMessages, String newAnswer) {
        return new CompletedRequest(
                id,
                startedAt,
                keyId,
                model,
                stream,
                errorKind,
                errorCode,
                latencyNanos,
                inputTokens,
                outputTokens,
                costUsd,
                trace,
                failedExperts,
                traceId,
                newMessages,
                newAnswer);
    }

    /** Whether it was answered. */
    public boolean answered() {
        return errorKind == null;
    }

    /** An expert whose call failed, and how (its {@code ExpertException} kind or the error's class). */
    public record FailedExpert(String expertId, String error) {}
}
