package io.coerouter.router.telemetry.genai;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;

/** A classifier whose every classification is a {@link GenAi#SPAN_CLASSIFY} span: the skills found and how sure. */
final class TracedClassifier implements SkillClassifier {

    private final SkillClassifier delegate;
    private final GenAiTelemetry telemetry;

    private TracedClassifier(SkillClassifier delegate, GenAiTelemetry telemetry) {
        this.delegate = delegate;
        this.telemetry = telemetry;
    }

    static SkillClassifier of(SkillClassifier delegate, GenAiTelemetry telemetry) {
        return new TracedClassifier(delegate, telemetry);
    }

    @Override
    public SkillTaxonomy taxonomy() {
        return delegate.taxonomy();
    }

    @Override
    public SkillClassification doClassify(String query) {
        if (!telemetry.inRequest()) {
            return delegate.classify(query);
        }
        Span span = telemetry.startStage(GenAi.SPAN_CLASSIFY);
        try (Scope ignored = span.makeCurrent()) {
            SkillClassification found = delegate.classify(query);
            List<String> top =
                    found.skills().stream().limit(3).map(s -> s.skill()).toList();
            span.setAttribute(GenAi.COE_SKILLS, top);
            span.setAttribute(GenAi.COE_CLASSIFICATION, found.method());
            if (!found.skills().isEmpty()) {
                span.setAttribute(
                        GenAi.COE_CONFIDENCE, found.skills().getFirst().score());
            }
            return found;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
