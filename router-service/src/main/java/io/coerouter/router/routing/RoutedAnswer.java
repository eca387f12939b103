package io.coerouter.router.routing;

import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The router's answer to one request.
 *
 * @param text the final answer
 * @param finishReason why it ended
 * @param usage tokens of every call made for the request
 * @param trace what was done, for the response's {@code coe} object
 * @param answers each traced call's own answer text, in the order of the trace's experts (null for a call that failed
 *     or was cancelled); shown only by the admin playground ({@link CoeTrace#withAnswers})
 */
public record RoutedAnswer(
        String text, FinishReason finishReason, TokenUsage usage, CoeTrace trace, List<String> answers) {

    public RoutedAnswer {
        answers = answers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(answers));
    }

    /** An answer without the calls' own texts. */
    public RoutedAnswer(String text, FinishReason finishReason, TokenUsage usage, CoeTrace trace) {
        this(text, finishReason, usage, trace, List.of());
    }

    /** Whether this answer came from the response cache (its trace's {@code cache} says how). */
    public boolean fromCache() {
        return trace != null && trace.cache() != null;
    }

    /**
     * The tokens this request is charged for (key limits, usage history, the request span): its {@link #usage}, or
     * none for an answer from the response cache, whose tokens were charged to the request that made it.
     */
    public TokenUsage chargedUsage() {
        return fromCache() ? TokenUsage.ZERO : usage;
    }

    /** This answer with each call's own text in its trace. */
    public RoutedAnswer withAnswersTraced() {
        return new RoutedAnswer(text, finishReason, usage, trace.withAnswers(answers), answers);
    }
}
