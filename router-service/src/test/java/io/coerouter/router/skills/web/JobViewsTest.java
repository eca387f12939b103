package io.coerouter.router.skills.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.skills.evaluate.EvaluationReport;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The view records write what the jobs' views wrote as maps, field for field and in order, both for a job running
 * here and for one another replica published (read back from its JSON, as the job store keeps it).
 */
class JobViewsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The view as this router shows it, and as another shows it from the store; each must match the map's JSON. */
    private static void writesAsTheMap(Map<String, Object> view, Class<?> type) {
        String local = JSON.writeValueAsString(view);
        assertThat(JSON.writeValueAsString(JSON.convertValue(view, type))).isEqualTo(local);

        Map<?, ?> published = JSON.convertValue(JSON.readTree(local), Map.class);
        assertThat(JSON.writeValueAsString(JSON.convertValue(published, type)))
                .isEqualTo(JSON.writeValueAsString(published));
    }

    private static Map<String, Object> profileJob(boolean ended) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.profile_job");
        v.put("id", "profile-abc");
        v.put("state", ended ? "succeeded" : "running");
        v.put("done", 4);
        v.put("total", 8);
        Map<String, Object> expert = new LinkedHashMap<>();
        expert.put("id", "alpha");
        expert.put("done", 4);
        expert.put("total", 8);
        expert.put("failed", 1);
        v.put("experts", List.of(expert));
        v.put("skipped_lines", List.of("line 3: no question"));
        v.put("started_at", "2026-01-01T00:00:00Z");
        if (ended) {
            v.put("error", "one expert failed");
            v.put("profile_version", 3);
        }
        return v;
    }

    private static Map<String, Object> evaluation(boolean ended) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.evaluation");
        v.put("id", "eval-abc");
        v.put("state", ended ? "succeeded" : "running");
        v.put("questions", 2);
        v.put("skipped_lines", List.of());
        if (ended) {
            EvaluationReport report = new EvaluationReport(
                    2,
                    List.of("alpha"),
                    List.of(new EvaluationReport.Row(
                            "alpha",
                            "single",
                            1,
                            2,
                            0.5,
                            Map.of("math", 0.5),
                            1.0,
                            12.5,
                            new BigDecimal("0.0012"),
                            null,
                            null,
                            null,
                            0)));
            v.put("report", report);
            v.put("markdown", report.markdown());
        }
        return v;
    }

    @Test
    void aProfilingJobIsWrittenAsItsMapWas() {
        writesAsTheMap(profileJob(false), ProfileJobView.class);
        writesAsTheMap(profileJob(true), ProfileJobView.class);
    }

    @Test
    void anEvaluationIsWrittenAsItsMapWas() {
        writesAsTheMap(evaluation(false), EvaluationView.class);
        writesAsTheMap(evaluation(true), EvaluationView.class);
    }

    @Test
    void aJobMarkedFailedElsewhereKeepsItsErrorLast() {
        Map<String, Object> failed = profileJob(false);
        failed.put("state", "failed");
        failed.put("error", "the router running this job stopped");

        writesAsTheMap(failed, ProfileJobView.class);
    }
}
