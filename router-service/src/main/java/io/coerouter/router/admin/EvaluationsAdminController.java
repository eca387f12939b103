package io.coerouter.router.admin;

import io.coerouter.expert.Expert;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.error.ApiException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.routing.Aggregators;
import io.coerouter.router.routing.EvaluationCombiners;
import io.coerouter.skills.evaluate.EvaluationReport;
import io.coerouter.skills.evaluate.RoutingEvaluation;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.RoutingQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
            "random_k",
            "seed",
            "batch_size",
            "max_tokens");

    private final ExpertRegistry registry;
    private final Recruiter recruiter;
    private final Aggregators aggregators;
    private final ResourceLoader resources;
    private final JsonMapper json;
    private final CoeProperties.Profiles settings;
    private final AdminJobs jobs;

    EvaluationsAdminController(
            ExpertRegistry registry,
            Recruiter recruiter,
            Aggregators aggregators,
            ResourceLoader resources,
            JsonMapper json,
            CoeProperties properties,
            AdminJobs jobs) {
        this.registry = registry;
        this.recruiter = recruiter;
        this.aggregators = aggregators;
        this.resources = resources;
        this.json = json;
        this.settings = properties.profiles();
        this.jobs = jobs;
    }

    @PostMapping("/admin/evaluations")
    ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) byte[] body) {
        JsonNode request = AdminBodies.object(json, body == null ? new byte[0] : body, FIELDS);
        JobInputs inputs = JobInputs.read(request, registry, resources);
        EvalSet set = inputs.set();
        List<Expert> experts = inputs.experts();
        Expert judge = inputs.judge();
        Grader grader = inputs.grader();
        List<String> methods = AdminBodies.strings(request, "methods");
        Map<String, Recruiter> routers = new LinkedHashMap<>();
        List<String> names = methods == null ? List.of("symbolic-moe", "category") : methods;
        for (int i = 0; i < names.size(); i++) {
            RoutingMethod method;
            try {
                method = RoutingMethod.of(names.get(i));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("methods[" + i + "]", "invalid_value", e.getMessage());
            }
            // Only the evaluated experts may be recruited, so every routed answer is one the harness has.
            Set<String> evaluated =
                    experts.stream().map(Expert::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
            routers.put(
                    method.id(),
                    query -> recruiter.recruit(new RoutingQuery(
                            query.messages(), query.k(), query.skills(), method, null, null, evaluated, Set.of())));
        }
        Map<String, RoutingEvaluation.Combiner> combiners = new LinkedHashMap<>();
        List<String> aggregatorIds = AdminBodies.strings(request, "aggregators");
        List<String> ids = aggregatorIds == null ? List.of("vote") : aggregatorIds;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!Aggregators.IDS.contains(id) || id.equals("self-moa")) {
                throw ApiException.invalid(
                        "aggregators[" + i + "]",
                        "invalid_value",
                        "Evaluations can score "
                                + Aggregators.IDS.stream()
                                        .filter(x -> !x.equals("self-moa"))
                                        .toList() + ", but got '" + id + "'.");
            }
            try {
                combiners.put(id, EvaluationCombiners.of(aggregators.get(id)));
            } catch (ApiException e) {
                throw ApiException.invalid("aggregators[" + i + "]", "aggregator_not_configured", e.getMessage());
            }
        }
        RoutingEvaluation.Spec spec = new RoutingEvaluation.Spec(
                experts,
                set.items(),
                routers,
                combiners,
                grader,
                judge,
                AdminBodies.integer(request, "batch_size", settings.jobBatchSize(), 1, 256),
                AdminBodies.integer(request, "max_tokens", settings.jobMaxTokens(), 1, 4096),
                AdminBodies.integer(request, "random_k", 3, 1, 16),
                AdminBodies.integer(request, "seed", 42, 0, Integer.MAX_VALUE));
        String id = jobs.nextId("eval");
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<String> state = new AtomicReference<>("running");
        AtomicReference<EvaluationReport> report = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        Thread.ofVirtual().name("coe-" + id).start(() -> {
            try {
                report.set(RoutingEvaluation.run(spec, cancelled::get));
                state.set("succeeded");
            } catch (CancellationException e) {
                state.set("cancelled");
            } catch (RuntimeException e) {
                error.set(e.getMessage());
                state.set("failed");
            }
        });
        AdminJob job = new AdminJob() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Map<String, Object> view() {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("object", "coe.evaluation");
                v.put("id", id);
                v.put("state", state.get());
                v.put("questions", set.items().size());
                v.put("skipped_lines", set.problems());
                if (error.get() != null) {
                    v.put("error", error.get());
                }
                if (report.get() != null) {
                    v.put("report", report.get());
                    v.put("markdown", report.get().markdown());
                }
                return v;
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
        jobs.add(job);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(job.view());
    }

    @GetMapping("/admin/evaluations/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return jobs.get(id, "eval").view();
    }

    @DeleteMapping("/admin/evaluations/{id}")
    Map<String, Object> cancel(@PathVariable String id) {
        AdminJob job = jobs.get(id, "eval");
        job.cancel();
        return job.view();
    }
}
