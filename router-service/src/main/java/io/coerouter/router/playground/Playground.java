package io.coerouter.router.playground;

import io.coerouter.expert.TokenListener;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.ids.Ids;
import io.coerouter.router.openai.ChatCompletionResponses;
import io.coerouter.router.openai.ChatCompletionResponses.Completion;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.routing.RouteResponse;
import io.coerouter.router.routing.RoutedAnswer;
import java.time.Clock;
import java.util.Set;

/**
 * Routes and answers a chat-completions body for the admin console: parsed by the {@code /v1} parser (every check
 * of the {@code /v1} path), then planned or answered by the same {@link ChatRouter}. The admin has no gateway key, so
 * no key limits apply.
 */
public final class Playground {

    private final ChatRequestParser parser;
    private final ChatRouter router;
    private final Clock clock;

    public Playground(ChatRequestParser parser, ChatRouter router, Clock clock) {
        this.parser = parser;
        this.router = router;
        this.clock = clock;
    }

    /** What {@code /v1/route} answers for {@code body}, with the number of calls and the aggregator of the plan. */
    public RouteResponse route(byte[] body) {
        return RouteResponse.of(router.plan(parser.parse(body).withAllowedExperts(Set.of())));
    }

    /**
     * The answer to {@code body}, whole (a stream is refused), its trace explained and showing each expert's answer.
     *
     * @throws RouterException 400 {@code stream} for {@code stream: true}, or as {@code /v1/chat/completions}
     */
    public Completion chat(byte[] body) {
        ChatCompletionRequest parsed = parser.parse(body);
        if (parsed.stream()) {
            throw RouterException.invalid(
                    "stream",
                    "invalid_value",
                    "The playground answers whole: stream must be false or absent (use /v1/chat/completions to"
                            + " stream).");
        }
        CoeOptions coe = parsed.coe();
        ChatCompletionRequest explained = new ChatCompletionRequest(
                parsed.model(),
                parsed.expertRequest(),
                false,
                false,
                new CoeOptions(
                        coe.k(),
                        coe.aggregator(),
                        coe.skills(),
                        true,
                        coe.method(),
                        coe.maxCostUsd(),
                        coe.maxLatencyMs(),
                        coe.tradeoff()),
                Set.of());
        RoutedAnswer answer = router.route(explained, TokenListener.NONE).withAnswersTraced();
        return ChatCompletionResponses.completion(
                Ids.next("chatcmpl-", 20), clock.instant().getEpochSecond(), parsed.model(), answer);
    }
}
