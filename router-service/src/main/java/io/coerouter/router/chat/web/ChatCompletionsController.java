package io.coerouter.router.chat.web;

import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.cache.CacheLookup;
import io.coerouter.router.cache.ResponseCache;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.error.ExpertFailures;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.feedback.Feedback;
import io.coerouter.router.ids.Ids;
import io.coerouter.router.openai.ChatCompletionResponses;
import io.coerouter.router.openapi.ApiSchemas;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.routing.RouteResponse;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.security.KeyAccess;
import io.coerouter.router.security.WarmupRequests;
import io.coerouter.router.streaming.Abandonment;
import io.coerouter.router.streaming.DecoupledStream;
import io.coerouter.router.streaming.StreamConfig;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.coerouter.router.telemetry.genai.RequestSpan;
import io.coerouter.router.usage.RequestOutcomes;
import io.coerouter.router.usage.UsageSink;
import io.coerouter.skills.recruit.Recruitment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/chat/completions}, OpenAI-compatible, whole answers and streams. */
@RestController
public class ChatCompletionsController {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsController.class);

    private final ChatRequestParser parser;
    private final ChatRouter router;
    private final JsonMapper json;
    private final Clock clock;
    private final StreamConfig streaming;
    private final Feedback feedback;
    private final UsageSink usage;
    private final GenAiTelemetry telemetry;
    private final ResponseCache cache;
    private final Map<Abandonment, Counter> abandoned = new EnumMap<>(Abandonment.class);

    public ChatCompletionsController(
            ChatRequestParser parser,
            ChatRouter router,
            JsonMapper json,
            Clock clock,
            StreamingProperties streaming,
            MeterRegistry meters,
            Feedback feedback,
            UsageSink usage,
            GenAiTelemetry telemetry,
            ResponseCache cache) {
        this.parser = parser;
        this.cache = cache;
        this.usage = usage;
        this.telemetry = telemetry;
        this.feedback = feedback;
        this.router = router;
        this.json = json;
        this.clock = clock;
        this.streaming = streaming.toConfig();
        for (Abandonment why : Abandonment.values()) {
            abandoned.put(
                    why,
                    Counter.builder("coe.stream.abandoned")
                            .description("Streamed responses given up on because of the client; never counted"
                                    + " against an expert")
                            .tag("reason", why.tag())
                            .register(meters));
        }
    }

    /**
     * {@code POST /v1/route}: the routing decision for a chat-completions body (skills, experts, why), without calling
     * any expert. The body is a {@link ChatCompletionBody}.
     */
    @Operation(
            operationId = "routeChatCompletion",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    ApiSchemas.CreateChatCompletionRequest.class))),
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The routing decision",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = RouteResponse.class))))
    @PostMapping(path = "/v1/route", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> route(HttpServletRequest servletRequest) throws IOException {
        ChatCompletionRequest request =
                parser.parse(readBody(servletRequest)).withAllowedExperts(KeyAccess.experts(servletRequest));
        KeyAccess.requireModel(servletRequest, request.model());
        long start = System.nanoTime();
        Recruitment decision = router.decide(request);
        double ms = Math.round((System.nanoTime() - start) / 1_000.0) / 1_000.0;
        byte[] body = json.writeValueAsBytes(RouteResponse.of(request.model(), decision, ms));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(body.length)
                .body(body);
    }

    /**
     * Answers as JSON, or as server-sent events when {@code stream} is true (then the body is written here and null
     * is returned). The body is a {@link ChatCompletionBody}, read by the {@link ChatRequestParser}.
     */
    @Operation(
            operationId = "createChatCompletion",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    ApiSchemas.CreateChatCompletionRequest.class))),
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The answer, or server-sent events of chat.completion.chunk objects when"
                                    + " stream is true",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = ChatCompletionResponses.Completion.class)),
                                @Content(
                                        mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                        schema = @Schema(type = "string"))
                            }))
    @PostMapping(
            path = "/v1/chat/completions",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    public ResponseEntity<byte[]> chatCompletions(HttpServletRequest servletRequest, HttpServletResponse response)
            throws IOException {
        // The raw bytes, whatever the Content-Type: with @RequestBody a form-encoded type (curl -d without -H)
        // would make Spring rebuild the body from form parameters.
        ChatCompletionRequest request =
                parser.parse(readBody(servletRequest)).withAllowedExperts(KeyAccess.experts(servletRequest));
        KeyAccess.requireModel(servletRequest, request.model());
        String id = Ids.next("chatcmpl-", 20);
        long created = clock.instant().getEpochSecond();
        String keyId = KeyAccess.keyId(servletRequest);
        // The router's own warm-up (without a key) leaves no usage history and never meets the response cache.
        boolean warmup = WarmupRequests.marked(servletRequest);
        RequestOutcomes outcome = RequestOutcomes.start(warmup ? UsageSink.NONE : usage, clock, id, keyId, request);
        try (RequestSpan span =
                        telemetry.startRequest(request.model(), request.stream(), keyId, servletRequest::getHeader);
                CacheLookup cached = warmup
                        ? ResponseCache.untouched()
                        : cache.lookup(request, keyId, CacheHeaders.directive(servletRequest))) {
            CacheHeaders.write(response, cached);
            if (cached.reported()) {
                span.cache(cached.status().id(), cached.similarity());
            }
            return request.stream()
                    ? stream(servletRequest, response, request, id, created, outcome, span, cached)
                    : whole(servletRequest, request, id, created, outcome, span, cached);
        }
    }

    private ResponseEntity<byte[]> whole(
            HttpServletRequest servletRequest,
            ChatCompletionRequest request,
            String id,
            long created,
            RequestOutcomes outcome,
            RequestSpan span,
            CacheLookup cached) {
        // The expert's slot is free once route returns, before a byte of the body is written.
        RoutedAnswer answer;
        try {
            answer = cached.hit() ? fromCache(request, cached) : router.route(request, TokenListener.NONE);
        } catch (RuntimeException e) {
            failed(outcome, span, e);
            throw e;
        }
        answered(servletRequest, id, answer, outcome, span);
        cached.keep(answer);
        // Serialised here so the body goes out in one write with a Content-Length, not in chunks.
        byte[] body = json.writeValueAsBytes(ChatCompletionResponses.completion(id, created, request.model(), answer));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(body.length)
                .body(body);
    }

    private ResponseEntity<byte[]> stream(
            HttpServletRequest servletRequest,
            HttpServletResponse response,
            ChatCompletionRequest request,
            String id,
            long created,
            RequestOutcomes outcome,
            RequestSpan span,
            CacheLookup cached) {
        // The expert writes into a bounded buffer and never waits for the client; the client's own virtual thread
        // drains it at the client's pace. A client that leaves, stops reading or falls too far behind is dropped
        // without the expert noticing, so it neither holds the expert's slot nor counts as the expert's failure.
        SseStream sse = new SseStream(response, json, id, created, request.model());
        try (DecoupledStream<SseStream.End> stream =
                DecoupledStream.start(streaming, clock, sse, this::abandoned, "coe-sse-" + id)) {
            RoutedAnswer answer;
            if (cached.hit()) {
                // A cached answer is replayed as the chunks a stream would have sent, then its finish and usage.
                try {
                    answer = fromCache(request, cached);
                } catch (RuntimeException e) {
                    failed(outcome, span, e);
                    stream.discardIfUnused();
                    throw e; // nothing was sent: a plain HTTP error
                }
                CacheHeaders.chunks(answer.text()).forEach(stream::append);
                answered(servletRequest, id, answer, outcome, span);
                stream.end(SseStream.End.answered(answer, request.includeUsage()));
                return null;
            }
            try {
                answer = router.route(request, span.tokens(stream::append), stream::keepAlive);
            } catch (RuntimeException e) {
                failed(outcome, span, e);
                if (stream.discardIfUnused()) {
                    throw e; // nothing was sent: a plain HTTP error
                }
                stream.end(SseStream.End.failed(ExpertFailures.toApi(e)));
                return null;
            }
            // The expert's work is done and its slot free; the client pays for it even if it has left.
            answered(servletRequest, id, answer, outcome, span);
            cached.keep(answer);
            stream.end(SseStream.End.answered(answer, request.includeUsage()));
        }
        return null;
    }

    /**
     * A hit's answer. A request that named an expert is first checked as routing would check it, so an expert deleted
     * since its answer was kept is a 404 {@code model_not_found}, not a cached answer.
     */
    private RoutedAnswer fromCache(ChatCompletionRequest request, CacheLookup cached) {
        if (!request.routed()) {
            router.decide(request);
        }
        return cached.answer(clock.instant());
    }

    /** Counts the answer against the caller's key, remembers it for feedback, and reports it to usage and the trace. */
    private void answered(
            HttpServletRequest servletRequest,
            String id,
            RoutedAnswer answer,
            RequestOutcomes outcome,
            RequestSpan span) {
        // Usage history first: whatever the key's budget is charged for, the analytics have.
        outcome.answered(answer, span.traceId());
        CoeTrace trace = answer.trace();
        // An answer from the cache is free: no tokens against the key's per-minute limit, nothing spent. Nor is it
        // remembered for feedback: no expert answered it now.
        TokenUsage charged = answer.chargedUsage();
        KeyAccess.record(servletRequest, charged.totalTokens(), trace.costUsd());
        if (!answer.fromCache() && !WarmupRequests.marked(servletRequest)) {
            CompletionsForFeedback.remember(feedback, id, KeyAccess.keyId(servletRequest), trace);
        }
        span.answered(
                trace.route(),
                trace.skills().stream().map(CoeTrace.SkillScore::id).toList(),
                trace.experts().stream().map(CoeTrace.ExpertCall::id).toList(),
                trace.aggregator(),
                charged.inputTokens(),
                charged.outputTokens(),
                trace.costUsd(),
                answer.finishReason().openAiName());
    }

    private static void failed(RequestOutcomes outcome, RequestSpan span, RuntimeException e) {
        RouterException api = outcome.failed(e, span.traceId());
        span.failed(
                api.kind().name().toLowerCase(java.util.Locale.ROOT),
                api.code(),
                !RequestOutcomes.modelMayNotExist(api));
    }

    private void abandoned(Abandonment why) {
        abandoned.get(why).increment();
        log.debug("stream given up on: {}", why.tag());
    }

    /** Exactly Content-Length bytes when the client declared them (no 16 KB scratch buffer per request). */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        int length = request.getContentLength();
        return length >= 0
                ? request.getInputStream().readNBytes(length)
                : request.getInputStream().readAllBytes();
    }
}
