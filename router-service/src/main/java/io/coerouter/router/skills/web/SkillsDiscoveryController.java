package io.coerouter.router.skills.web;

import io.coerouter.expert.Expert;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertSelection;
import io.coerouter.router.jobs.JobKind;
import io.coerouter.router.jobs.Jobs;
import io.coerouter.router.jobs.inputs.JobContext;
import io.coerouter.router.skills.ProfilingJob;
import io.coerouter.router.skills.SkillDiscoveries;
import io.coerouter.router.skills.SkillsState;
import io.coerouter.skills.discover.Discovery;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileJob;
import io.coerouter.skills.profile.ProfileStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/skills/discover}: skills from unlabelled questions (JSONL), proposed for review or put in force
 * on every replica, and their answered questions as an evaluation set labelled by skill, profiled at once on request.
 */
@RestController
class SkillsDiscoveryController {

    private final SkillDiscoveries discoveries;
    private final SkillsState skills;
    private final JobContext admin;
    private final Jobs jobs;
    private final ProfileStore profiles;

    SkillsDiscoveryController(
            SkillDiscoveries discoveries, SkillsState skills, JobContext admin, Jobs jobs, ProfileStore profiles) {
        this.discoveries = discoveries;
        this.skills = skills;
        this.admin = admin;
        this.jobs = jobs;
        this.profiles = profiles;
    }

    /**
     * Clusters the body's questions (one {@code {"question": ..., "answer": optional, "grader": optional}} a line)
     * into skills. {@code apply=true} puts them in force like {@code PUT /admin/skills}; {@code profile=true} (with
     * apply) then starts a profiling job of every expert on the answered questions, each labelled by its skill.
     */
    @Operation(
            operationId = "discoverSkills",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "JSON Lines: one {\"question\": ..., \"answer\": optional, \"grader\":"
                                    + " optional} a line",
                            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"))))
    @PostMapping("/admin/skills/discover")
    SkillsDiscovered discover(
            @RequestBody(required = false) byte[] body,
            @Parameter(description = "the number of skills, 2-100; absent: chosen by the silhouette from 2 to 20")
                    @RequestParam(name = "k", required = false)
                    String k,
            @Parameter(
                            description =
                                    "the seed of the clustering (default 42): the same questions and seed give the"
                                            + " same skills")
                    @RequestParam(name = "seed", required = false)
                    String seed,
            @Parameter(description = "true: put the skills in force on every replica; false (default): propose them")
                    @RequestParam(name = "apply", required = false)
                    String apply,
            @Parameter(
                            description =
                                    "true (needs apply=true): start a profiling job of every expert on the answered"
                                            + " questions")
                    @RequestParam(name = "profile", required = false)
                    String profile) {
        Integer clusters =
                k == null ? null : (int) whole("k", k, 2, io.coerouter.skills.discover.DiscoveryConfig.MAX_K);
        Long seedValue = seed == null ? null : whole("seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean put = flag("apply", apply);
        boolean startProfiling = flag("profile", profile);
        if (startProfiling && !put) {
            throw RouterException.invalid(
                    "profile",
                    "invalid_value",
                    "profile=true profiles the experts on the discovered skills, so it needs apply=true.");
        }
        if (body == null || body.length == 0) {
            throw RouterException.invalid(
                    "questions",
                    "missing_required_parameter",
                    "The body must hold JSONL questions, one {\"question\": ..., \"answer\": optional} a line.");
        }
        Discovery discovery = discoveries.discover(
                new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), clusters, seedValue);
        // Everything the profiling job needs is checked before the taxonomy is put in force, so a refusal changes
        // nothing.
        List<Expert> experts = startProfiling ? profilable(discovery) : List.of();
        Long revision = put ? discoveries.apply(discovery) : null;
        ProfileJobView job = startProfiling ? profile(discovery, experts) : null;
        return SkillsDiscovered.of(discovery, revision, job);
    }

    /** The experts to profile on {@code discovery}'s evaluation set; a 400 when there is nothing to profile. */
    private List<Expert> profilable(Discovery discovery) {
        if (discovery.evalItems().isEmpty()) {
            throw RouterException.invalid(
                    "profile",
                    "invalid_value",
                    "profile=true needs questions with an 'answer' to grade the experts against; none has one.");
        }
        for (EvalItem item : discovery.evalItems()) {
            if ("judge".equals(item.grader())) {
                throw RouterException.invalid(
                        "line " + item.line(),
                        "invalid_value",
                        "Line " + item.line() + " asks for the judge grader, which needs a judge expert: start the"
                                + " profiling job with POST /admin/profiles/jobs, 'eval_set' and 'judge'.");
            }
        }
        List<Expert> experts = ExpertSelection.select(admin.registry(), null);
        if (experts.isEmpty()) {
            throw RouterException.invalid(
                    "profile", "invalid_value", "profile=true needs experts to profile, and none is registered.");
        }
        return experts;
    }

    /** A profiling job of every expert on the discovered evaluation set, as {@code POST /admin/profiles/jobs} starts. */
    private ProfileJobView profile(Discovery discovery, List<Expert> experts) {
        List<EvalItem> items = discovery.evalItems();
        ProfileJob.Spec spec = new ProfileJob.Spec(
                experts,
                items,
                "discovered evaluation set (" + items.size() + " questions, " + discovery.k() + " skills)",
                Grader.exact(),
                null,
                skills.classifier(),
                admin.settings().jobBatchSize(),
                admin.settings().jobMaxTokens());
        ProfilingJob job = ProfilingJob.start(jobs.nextId(JobKind.PROFILING), spec, List.of(), profiles, admin.clock());
        jobs.add(job);
        return jobs.view(job, ProfileJobView.class);
    }

    private static long whole(String param, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw outOfRange(param, value, min, max);
        }
        if (parsed < min || parsed > max) {
            throw outOfRange(param, value, min, max);
        }
        return parsed;
    }

    private static RouterException outOfRange(String param, String value, long min, long max) {
        return RouterException.invalid(
                param,
                "invalid_value",
                param + " must be a whole number"
                        + (min == Long.MIN_VALUE ? "" : " from " + min + " to " + max)
                        + ", but was '" + JsonBodies.echo(value) + "'.");
    }

    private static boolean flag(String param, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw RouterException.invalid(
                param, "invalid_value", param + " must be true or false, but was '" + JsonBodies.echo(value) + "'.");
    }
}
