package io.coerouter.router.chat.web;

import io.coerouter.router.feedback.CompletionRecord;
import io.coerouter.router.feedback.Feedback;
import io.coerouter.router.routing.CoeTrace;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a routed completion to {@link Feedback} to remember: the experts whose calls answered and the skills the
 * trace shows. A completion for a named expert ({@code route: direct}) has no skills and is not remembered.
 */
final class CompletionsForFeedback {

    private CompletionsForFeedback() {}

    private static final Logger log = LoggerFactory.getLogger(CompletionsForFeedback.class);

    /** Never fails: the answer goes out whether or not it could be remembered. */
    static void remember(Feedback feedback, String id, String owner, CoeTrace trace) {
        if (!feedback.enabled() || !"coe".equals(trace.route())) {
            return;
        }
        try {
            remember(feedback, id, owner, trace.experts(), trace.skills());
        } catch (RuntimeException e) {
            log.warn("completion {} could not be remembered for feedback: {}", id, e.toString());
        }
    }

    private static void remember(
            Feedback feedback,
            String id,
            String owner,
            List<CoeTrace.ExpertCall> calls,
            List<CoeTrace.SkillScore> scores) {
        List<String> answered = calls.stream()
                .filter(call -> "ok".equals(call.status()))
                .map(CoeTrace.ExpertCall::id)
                .distinct()
                .toList();
        List<CompletionRecord.SkillWeight> skills = scores.stream()
                .map(s -> new CompletionRecord.SkillWeight(s.id(), Math.min(1, Math.max(0, s.score()))))
                .toList();
        feedback.remember(id, owner, answered, skills);
    }
}
