package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict}: the chart's defaults and every example values file pass without a warning. */
class ChartLintTest {

    @Test
    void defaultValuesLintCleanInStrictMode() throws Exception {
        assertLintsClean(null);
    }

    @Test
    void productionExampleLintsCleanInStrictMode() throws Exception {
        assertLintsClean(Chart.example("values-production.yaml"));
    }

    @Test
    void gpuExampleLintsCleanInStrictMode() throws Exception {
        assertLintsClean(Chart.example("values-gpu.yaml"));
    }

    @Test
    void gatewayAndGpuWorkersExampleLintsCleanInStrictMode() throws Exception {
        assertLintsClean(Chart.example("gateway-and-gpu-workers.yaml"));
    }

    @Test
    void strictLintFailsOnValuesTheSchemaRefuses() throws Exception {
        // The lint really validates: values the schema refuses make it fail, naming the key.
        Path bad = java.nio.file.Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "bad-", ".yaml");
        java.nio.file.Files.writeString(bad, "router:\n  replicas: -1\n");
        LintResult result = Chart.lint(bad);
        java.nio.file.Files.delete(bad);
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicas");
    }

    private static void assertLintsClean(Path values) throws Exception {
        LintResult result = Chart.lint(values);
        assertThat(result.isFailed())
                .as("helm lint --strict: %s", String.join("\n", result.getMessages()))
                .isFalse();
        assertThat(result.getMessages())
                .as("no warnings or errors")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
