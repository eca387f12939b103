package io.coerouter.router.skills.web;

import io.coerouter.expert.Expert;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.jobs.Job;
import io.coerouter.router.jobs.JobKind;
import io.coerouter.router.jobs.Jobs;
import io.coerouter.router.jobs.inputs.JobContext;
import io.coerouter.router.jobs.inputs.JobInputs;
import io.coerouter.router.skills.ProfilingJob;
import io.coerouter.router.skills.SkillsState;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileJob;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.ProfileStore;
import io.swagger.v3.oas.annotations.Operation;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /admin/profiles}: profiling jobs, the versioned profile store, export and import. */
@RestController
class ProfilesAdminController {

    private static final Set<String> JOB_FIELDS = Set.of(
            "experts", "eval_set", "eval_path", "split", "on_error", "grader", "judge", "batch_size", "max_tokens");

    private final JobContext admin;
    private final ExpertRegistry registry;
    private final ProfileStore store;
    private final SkillsState skills;
    private final Jobs jobs;

    ProfilesAdminController(JobContext admin, Jobs jobs, ProfileStore store, SkillsState skills) {
        this.admin = admin;
        this.registry = admin.registry();
        this.store = store;
        this.skills = skills;
        this.jobs = jobs;
    }

    /** Starts a profiling job; when it succeeds its profiles become the next version and are used at once. */
    @Operation(operationId = "startProfileJob")
    @PostMapping("/admin/profiles/jobs")
    ResponseEntity<ProfileJobView> start(@RequestBody(required = false) byte[] body) {
        JsonNode request = admin.body(body, JOB_FIELDS);
        JobInputs inputs = admin.inputs(request);
        EvalSet set = inputs.set();
        List<Expert> experts = inputs.experts();
        Expert judge = inputs.judge();
        Grader grader = inputs.grader();
        for (var item : set.items()) {
            for (String skill : item.skills()) {
                if (!skills.taxonomy().contains(skill)) {
                    throw RouterException.invalid(
                            "eval_set",
                            "unknown_skill",
                            "Line " + item.line() + " names skill '" + JsonBodies.echo(skill)
                                    + "', which is not in the taxonomy "
                                    + skills.taxonomy().ids() + ".");
                }
            }
            if ("judge".equals(item.grader()) && judge == null) {
                throw RouterException.invalid(
                        "judge",
                        "missing_required_parameter",
                        "Line " + item.line() + " asks for the judge grader;" + " name the judge expert in 'judge'.");
            }
        }
        ProfileJob.Spec spec;
        try {
            spec = new ProfileJob.Spec(
                    experts,
                    set.items(),
                    source(request),
                    grader,
                    judge,
                    skills.classifier(),
                    admin.batchSize(request),
                    admin.maxTokens(request));
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid("eval_set", "invalid_value", e.getMessage());
        }
        String id = jobs.nextId(JobKind.PROFILING);
        ProfilingJob profiling = ProfilingJob.start(id, spec, set.problems(), store, admin.clock());
        jobs.add(profiling);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.view(profiling, ProfileJobView.class));
    }

    @Operation(operationId = "getProfileJob")
    @GetMapping("/admin/profiles/jobs/{id}")
    ProfileJobView job(@PathVariable String id) {
        return jobs.view(jobs.get(id, JobKind.PROFILING), ProfileJobView.class);
    }

    @Operation(operationId = "cancelProfileJob")
    @DeleteMapping("/admin/profiles/jobs/{id}")
    ProfileJobView cancel(@PathVariable String id) {
        Job job = jobs.get(id, JobKind.PROFILING);
        job.cancel();
        return jobs.view(job, ProfileJobView.class);
    }

    /** The profiles in use, as JSON (the export format). */
    @Operation(operationId = "getProfiles")
    @GetMapping(path = "/admin/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
    String current() {
        return ProfileJson.write(store.current().orElseThrow(() -> notFound("No profiles are loaded.")));
    }

    @Operation(operationId = "listProfileVersions")
    @GetMapping("/admin/profiles/versions")
    ProfileVersions versions() {
        return ProfileVersions.of(store.current().map(ProfileSet::version).orElse(null), store.versions());
    }

    @Operation(operationId = "getProfileVersion")
    @GetMapping(path = "/admin/profiles/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    String version(@PathVariable int version) {
        return ProfileJson.write(
                store.version(version).orElseThrow(() -> notFound("No profile version " + version + ".")));
    }

    /**
     * Puts stored version {@code version} back in use (a rollback): its profiles are saved again as the newest version,
     * which every replica follows as after an import; the versions in between stay stored.
     */
    @Operation(operationId = "activateProfileVersion")
    @PostMapping("/admin/profiles/versions/{version}/activate")
    ProfileActivated activate(@PathVariable int version) {
        ProfileSet wanted = store.version(version)
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND,
                        "No profile version " + version + " is stored; stored: " + store.versions() + ".",
                        "version",
                        "version_not_found"));
        Integer previous = store.current().map(ProfileSet::version).orElse(null);
        if (previous != null && previous == version) {
            return ProfileActivated.of(version, version, previous);
        }
        return ProfileActivated.of(version, store.save(wanted).version(), previous);
    }

    /**
     * Imports a profile set (the export format) as the next version. Profiles of experts that are not configured are
     * refused unless {@code allow_unknown_experts=true}, so a typo cannot silently drop an expert from routing.
     */
    @Operation(operationId = "importProfiles")
    @PutMapping("/admin/profiles")
    ProfileImported importSet(
            @RequestBody(required = false) byte[] body,
            @RequestParam(name = "allow_unknown_experts", defaultValue = "false") boolean allowUnknown) {
        if (body == null || body.length == 0) {
            throw RouterException.invalid(null, "missing_required_parameter", "The body must hold a profile set.");
        }
        ProfileSet set;
        try {
            set = ProfileJson.read(new ByteArrayInputStream(body));
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid(
                    null, "invalid_profiles", "the profile set is not valid: " + JsonBodies.reason(e) + ".");
        }
        Set<String> unknown = new TreeSet<>();
        set.experts().keySet().stream()
                .filter(id -> registry.find(id).isEmpty())
                .forEach(unknown::add);
        if (!unknown.isEmpty() && !allowUnknown) {
            throw RouterException.invalid(
                    "experts",
                    "unknown_expert",
                    "The profile set names experts that are not configured: " + unknown
                            + ". Configure them, remove them, or import with allow_unknown_experts=true.");
        }
        ProfileSet stored = store.save(set);
        return ProfileImported.of(
                stored.version(), new ArrayList<>(stored.experts().keySet()), unknown);
    }

    private static String source(JsonNode request) {
        String path = BodyFields.string(request, "eval_path", false);
        String split = BodyFields.string(request, "split", false);
        return (path == null ? "inline evaluation set" : path) + (split == null ? "" : ", split " + split);
    }

    private static RouterException notFound(String message) {
        return new RouterException(ErrorKind.NOT_FOUND, message, null, "not_found");
    }
}
