package io.coerouter.router.aggregation.web;

import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AggregatorSelection;
import io.coerouter.expert.Expert;
import io.coerouter.router.aggregation.AggregatorSelections;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertSelection;
import io.coerouter.router.jobs.BackgroundJob;
import io.coerouter.router.jobs.Job;
import io.coerouter.router.jobs.JobKind;
import io.coerouter.router.jobs.Jobs;
import io.coerouter.router.jobs.inputs.JobContext;
import io.coerouter.router.jobs.inputs.JobInputs;
import io.coerouter.router.routing.SelectedAggregators;
import io.coerouter.router.skills.SkillsState;
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
 * {@code /admin/aggregators/selection}: starts Symbolic-MoE's aggregator choice ({@link AggregatorSelections}) and
 * shows its jobs and the selection in force. The best synthesiser becomes the default one for {@code synthesis} (per
 * skill where there are enough tasks).
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

    private final JobContext admin;
    private final Jobs jobs;
    private final SkillsState skills;
    private final SelectedAggregators selected;
    private final AggregatorSelections selections;

    AggregatorSelectionAdminController(JobContext admin, Jobs jobs, SkillsState skills, SelectedAggregators selected) {
        this.admin = admin;
        this.jobs = jobs;
        this.skills = skills;
        this.selected = selected;
        this.selections = AggregatorSelections.of(selected, admin.clock());
    }

    @Operation(operationId = "startAggregatorSelection")
    @PostMapping("/admin/aggregators/selection")
    ResponseEntity<SelectionView> start(@RequestBody(required = false) byte[] body) {
        JsonNode request = admin.body(body, FIELDS);
        JobInputs inputs = admin.inputs(request);
        List<String> candidateIds = BodyFields.strings(request, "candidates");
        if (candidateIds == null) {
            throw RouterException.invalid(
                    "candidates",
                    "missing_required_parameter",
                    "Name the synthesiser experts to compare in 'candidates'.");
        }
        List<Expert> synthesisers = new ArrayList<>();
        for (int i = 0; i < candidateIds.size(); i++) {
            synthesisers.add(ExpertSelection.one(admin.registry(), candidateIds.get(i), "candidates[" + i + "]"));
        }
        Map<String, Aggregator> candidates = AggregatorSelections.candidates(synthesisers);
        long seed = BodyFields.integer(request, "seed", 42, 0, Integer.MAX_VALUE);
        int minPerSkill = BodyFields.integer(request, "min_per_skill", 20, 1, 100_000);
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
        String id = jobs.nextId(JobKind.AGGREGATOR_SELECTION);
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("object", "coe.aggregator_selection");
        fixed.put("candidates", new ArrayList<>(candidates.keySet()));
        fixed.put("skipped_lines", inputs.set().problems());
        Job job = BackgroundJob.<AggregatorSelection.Result>start(
                jobs,
                id,
                fixed,
                cancelled -> selections.run(spec, inputs.grader(), candidates, seed, minPerSkill, id),
                r -> Map.of("result", r));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.view(job, SelectionView.class));
    }

    @Operation(operationId = "getAggregatorSelectionJob")
    @GetMapping("/admin/aggregators/selection/{id}")
    SelectionView job(@PathVariable String id) {
        return jobs.view(jobs.get(id, JobKind.AGGREGATOR_SELECTION), SelectionView.class);
    }

    /** The selection in force: what the default synthesiser is, per skill. */
    @Operation(operationId = "getAggregatorSelection")
    @GetMapping("/admin/aggregators/selection")
    SelectionInForce current() {
        return SelectionInForce.of(selected.latest()
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND, "No aggregator selection has run yet.", null, "not_found")));
    }
}
