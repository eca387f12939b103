package io.coerouter.router.skills.web;

import io.coerouter.expert.Expert;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.jobs.BackgroundJob;
import io.coerouter.router.jobs.Job;
import io.coerouter.router.jobs.JobKind;
import io.coerouter.router.jobs.Jobs;
import io.coerouter.router.jobs.inputs.JobContext;
import io.coerouter.router.jobs.inputs.JobInputs;
import io.coerouter.router.routing.Aggregators;
import io.coerouter.router.routing.EvaluationCombiners;
import io.coerouter.skills.evaluate.EvaluationReport;
import io.coerouter.skills.evaluate.RoutingEvaluation;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.RoutingQuery;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/evaluations}: runs a labelled set through routing with the live recruiter and aggregator and reports
 * accuracy, cost and latency for each routing method, every single expert, random k and the oracle.
 */
@RestController
class EvaluationsAdminController {

    private static final Set<String> FIELDS = Set.of(
            "experts",
            "eval_set",
            "eval_path",
            "split",
            "on_error",
            "grader",
            "judge",
            "methods",
            "aggregators",
            "random_k",
            "seed",
            "batch_size",
            "max_tokens");

    private final JobContext admin;
    private final Jobs jobs;
    private final Recruiter recruiter;
    private final Aggregators aggregators;

    EvaluationsAdminController(JobContext admin, Jobs jobs, Recruiter recruiter, Aggregators aggregators) {
        this.admin = admin;
        this.jobs = jobs;
        this.recruiter = recruiter;
        this.aggregators = aggregators;
    }

    @Operation(operationId = "startEvaluation")
    @PostMapping("/admin/evaluations")
    ResponseEntity<EvaluationView> start(@RequestBody(required = false) byte[] body) {
        JsonNode request = admin.body(body, FIELDS);
        JobInputs inputs = admin.inputs(request);
        EvalSet set = inputs.set();
        List<Expert> experts = inputs.experts();
        Expert judge = inputs.judge();
        Grader grader = inputs.grader();
        List<String> methods = BodyFields.strings(request, "methods");
        Map<String, Recruiter> routers = new LinkedHashMap<>();
        List<String> names = methods == null ? List.of("symbolic-moe", "category") : methods;
        for (int i = 0; i < names.size(); i++) {
            RoutingMethod method;
            try {
                method = RoutingMethod.of(names.get(i));
            } catch (IllegalArgumentException e) {
                throw RouterException.invalid("methods[" + i + "]", "invalid_value", e.getMessage());
            }
            // Only the evaluated experts may be recruited, so every routed answer is one the harness has.
            Set<String> evaluated = experts.stream().map(Expert::id).collect(Collectors.toUnmodifiableSet());
            routers.put(
                    method.id(),
                    query -> recruiter.recruit(new RoutingQuery(
                            query.messages(), query.k(), query.skills(), method, null, null, evaluated, Set.of())));
        }
        Map<String, RoutingEvaluation.Combiner> combiners = new LinkedHashMap<>();
        List<String> aggregatorIds = BodyFields.strings(request, "aggregators");
        List<String> ids = aggregatorIds == null ? List.of("vote") : aggregatorIds;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            AggregatorId aggregator = AggregatorId.ids().contains(id) ? AggregatorId.of(id) : null;
            if (aggregator == null || aggregator == AggregatorId.SELF_MOA) {
                throw RouterException.invalid(
                        "aggregators[" + i + "]",
                        "invalid_value",
                        "Evaluations can score "
                                + AggregatorId.ids().stream()
                                        .filter(x -> !x.equals(AggregatorId.SELF_MOA.id()))
                                        .toList()
                                + ", but got '" + JsonBodies.echo(id) + "'.");
            }
            try {
                combiners.put(id, EvaluationCombiners.of(aggregators.get(aggregator)));
            } catch (RouterException e) {
                throw RouterException.invalid("aggregators[" + i + "]", "aggregator_not_configured", e.getMessage());
            }
        }
        RoutingEvaluation.Spec spec = new RoutingEvaluation.Spec(
                experts,
                set.items(),
                routers,
                combiners,
                grader,
                judge,
                admin.batchSize(request),
                admin.maxTokens(request),
                BodyFields.integer(request, "random_k", 3, 1, 16),
                BodyFields.integer(request, "seed", 42, 0, Integer.MAX_VALUE));
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("object", "coe.evaluation");
        fixed.put("questions", set.items().size());
        fixed.put("skipped_lines", set.problems());
        Job job = BackgroundJob.<EvaluationReport>start(
                jobs,
                jobs.nextId(JobKind.EVALUATION),
                fixed,
                cancelled -> RoutingEvaluation.run(spec, cancelled),
                report -> Map.of("report", report, "markdown", report.markdown()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.view(job, EvaluationView.class));
    }

    @Operation(operationId = "getEvaluation")
    @GetMapping("/admin/evaluations/{id}")
    EvaluationView get(@PathVariable String id) {
        return jobs.view(jobs.get(id, JobKind.EVALUATION), EvaluationView.class);
    }

    @Operation(operationId = "cancelEvaluation")
    @DeleteMapping("/admin/evaluations/{id}")
    EvaluationView cancel(@PathVariable String id) {
        Job job = jobs.get(id, JobKind.EVALUATION);
        job.cancel();
        return jobs.view(job, EvaluationView.class);
    }
}
