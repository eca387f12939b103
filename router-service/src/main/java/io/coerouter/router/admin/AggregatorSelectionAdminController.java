package io.coerouter.router.admin;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.AggregationInput;
import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AggregatorSelection;
import io.coerouter.aggregate.AnswerExtractor;
import io.coerouter.expert.Expert;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.SelectedAggregators;
import io.coerouter.router.skills.SkillsState;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.ProfileJob;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/aggregators/selection}: Symbolic-MoE's aggregator choice. The experts answer a labelled set (as in
 * profiling); every question with a right and two wrong answers becomes a task; each candidate (each synthesiser
 * expert, the vote and the weighted vote) is scored on recovering the right answer. The best synthesiser becomes the
 * default one for {@code synthesis} (per skill where there are enough tasks).
 */
@RestController
class AggregatorSelectionAdminController {

    private static final Set<String> FIELDS = Set.of(
            "experts",
            "candidates",
            "eval_set",
            "eval_path",
            "split",
            "on_error",
            "grader",
            "judge",
            "seed",
            "min_per_skill",
            "batch_size",
            "max_tokens");

    private final AdminContext admin;
    private final SkillsState skills;
    private final SelectedAggregators selected;

    AggregatorSelectionAdminController(AdminContext admin, SkillsState skills, SelectedAggregators selected) {
        this.admin = admin;
        this.skills = skills;
        this.selected = selected;
    }

    @Operation(operationId = "startAggregatorSelection")
    @PostMapping("/admin/aggregators/selection")
    ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) byte[] body) {
        JsonNode request = admin.body(body, FIELDS);
        JobInputs inputs = admin.inputs(request);
        List<String> candidateIds = AdminBodies.strings(request, "candidates");
        if (candidateIds == null) {
            throw RouterException.invalid(
                    "candidates",
                    "missing_required_parameter",
                    "Name the synthesiser experts to compare in 'candidates'.");
        }
        Map<String, Aggregator> candidates = new LinkedHashMap<>();
        Aggregator nothing = new Aggregator() {
            @Override
            public String id() {
                return "none";
            }

            @Override
            public Aggregation doAggregate(AggregationInput input) {
                return new Aggregation("none", "", FinishReason.STOP, TokenUsage.ZERO, "no fallback", false);
            }
        };
        for (int i = 0; i < candidateIds.size(); i++) {
            Expert e = AdminExperts.one(admin.registry(), candidateIds.get(i), "candidates[" + i + "]");
            // No fallback: a synthesiser that fails scores nothing, so only its own answers count.
            candidates.put(SelectedAggregators.SYNTHESIS + e.id(), Aggregator.synthesis(e, nothing));
        }
        candidates.put("vote", Aggregator.vote(AnswerExtractor.auto()));
        candidates.put("weighted-vote", Aggregator.weightedVote(AnswerExtractor.auto()));
        long seed = AdminBodies.integer(request, "seed", 42, 0, Integer.MAX_VALUE);
        int minPerSkill = AdminBodies.integer(request, "min_per_skill", 20, 1, 100_000);
        ProfileJob.Spec spec;
        try {
            spec = new ProfileJob.Spec(
                    inputs.experts(),
                    inputs.set().items(),
                    "aggregator selection",
                    inputs.grader(),
                    inputs.judge(),
                    skills.classifier(),
                    admin.batchSize(request),
                    admin.maxTokens(request));
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid("eval_set", "invalid_value", e.getMessage());
        }
        String id = admin.jobs().nextId("selection");
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("object", "coe.aggregator_selection");
        fixed.put("candidates", new ArrayList<>(candidates.keySet()));
        fixed.put("skipped_lines", inputs.set().problems());
        AdminJob job = BackgroundJob.<AggregatorSelection.Result>start(
                admin.jobs(),
                id,
                fixed,
                cancelled -> {
                    ProfileJob answered = ProfileJob.runForAnswers(spec, admin.clock());
                    AggregatorSelection.Result r = AggregatorSelection.run(
                            AggregatorSelection.tasks(questions(answered.answers(), inputs), seed),
                            candidates,
                            minPerSkill);
                    selected.publish(
                            new SelectedAggregators.Selection(r, admin.clock().instant(), id));
                    return r;
                },
                r -> Map.of("result", r));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(job.view());
    }

    @Operation(operationId = "getAggregatorSelectionJob")
    @GetMapping("/admin/aggregators/selection/{id}")
    Map<String, Object> job(@PathVariable String id) {
        return admin.jobs().get(id, "selection").view();
    }

    /** The selection in force: what the default synthesiser is, per skill. */
    @Operation(operationId = "getAggregatorSelection")
    @GetMapping("/admin/aggregators/selection")
    Map<String, Object> current() {
        SelectedAggregators.Selection s = selected.latest()
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND, "No aggregator selection has run yet.", null, "not_found"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.aggregator_selection");
        v.put("job", s.source());
        v.put("at", s.at().toString());
        v.put("result", s.result());
        return v;
    }

    /** Groups the experts' answers by question into right and wrong ones. */
    private static List<AggregatorSelection.Question> questions(List<ProfileJob.Answer> answers, JobInputs inputs) {
        Map<EvalItem, List<ProfileJob.Answer>> byItem = new LinkedHashMap<>();
        answers.stream().filter(a -> a.text() != null).forEach(a -> byItem.computeIfAbsent(
                        a.item(), k -> new ArrayList<>())
                .add(a));
        List<AggregatorSelection.Question> questions = new ArrayList<>();
        byItem.forEach((item, list) -> questions.add(new AggregatorSelection.Question(
                item.question(),
                item.skills().isEmpty() ? null : item.skills().getFirst(),
                list.stream()
                        .filter(ProfileJob.Answer::right)
                        .map(ProfileJob.Answer::text)
                        .toList(),
                list.stream()
                        .filter(a -> !a.right())
                        .map(ProfileJob.Answer::text)
                        .toList(),
                text -> inputs.grader().grade(item, text))));
        return questions;
    }
}
