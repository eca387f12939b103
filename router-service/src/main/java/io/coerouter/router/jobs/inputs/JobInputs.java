package io.coerouter.router.jobs.inputs;

import io.coerouter.expert.Expert;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertSelection;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.Grader;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What profiling and evaluation jobs share in their request: the evaluation set, the experts, the judge and the
 * default grader, each checked and named in errors.
 */
public record JobInputs(EvalSet set, List<Expert> experts, Expert judge, Grader grader) {

    static JobInputs read(JsonNode request, ExpertRegistry registry, EvalSetSource sets) {
        EvalSet set = EvalSets.read(request, sets);
        List<Expert> experts = ExpertSelection.select(registry, BodyFields.strings(request, "experts"));
        String judgeId = BodyFields.string(request, "judge", false);
        Expert judge = judgeId == null ? null : ExpertSelection.one(registry, judgeId, "judge");
        String graderName = BodyFields.string(request, "grader", false);
        try {
            return new JobInputs(set, experts, judge, Grader.named(graderName == null ? "exact" : graderName, judge));
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid("grader", "invalid_value", e.getMessage());
        }
    }
}
