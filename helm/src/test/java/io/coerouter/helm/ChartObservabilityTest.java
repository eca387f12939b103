package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tracing, the usage database and structured logs as chart values: what reaches the ConfigMap (settings only) and the
 * containers (secrets only as secretKeyRefs), what the schema refuses, and the GenAI and usage alerts and dashboard.
 */
class ChartObservabilityTest {

    /** Tracing with a header from a Secret, the usage database with its password in an existing Secret, ECS logs. */
    static final String OBSERVABILITY =
            """
            router: {logFormat: ecs}
            tracing:
              enabled: true
              endpoint: http://otel-collector.monitoring:4318/v1/traces
              samplingRatio: 0.25
              serviceName: coe-prod
              headers:
                - {name: x-honeycomb-team, secretName: otel-backend, key: api-key}
                - {name: Authorization, secretName: otel-auth, key: bearer}
            usage:
              datasource: {url: "jdbc:postgresql://postgres.db:5432/coe", username: coe, existingSecret: usage-db, passwordKey: pw}
              retention: 90d
              requestLog: {enabled: true, captureContent: false, retention: 7d}
            """;

    /** The metrics of the GenAI semantic conventions and the usage writer the router exports (docs/operations.md). */
    static final Set<String> GENAI_AND_USAGE_METRICS = Set.of(
            "gen_ai_client_operation_duration_seconds",
            "gen_ai_client_token_usage_tokens",
            "gen_ai_client_operation_time_to_first_chunk_seconds",
            "gen_ai_client_operation_time_per_output_chunk_seconds",
            "gen_ai_server_time_to_first_token_seconds",
            "gen_ai_server_time_per_output_token_seconds",
            "gen_ai_server_request_duration_seconds",
            "coe_usage_rows_written_total",
            "coe_usage_records_dropped_total",
            "coe_usage_buffer_size",
            "coe_usage_write_failures_total");

    @Test
    void byDefaultNeitherTracingNorUsageNorStructuredLogsAreConfigured() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render());
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        assertThat(config.at("/coe/tracing").isMissingNode()).isTrue();
        assertThat(config.at("/coe/usage").isMissingNode()).isTrue();
        assertThat(config.at("/logging/structured").isMissingNode()).isTrue();
        assertThat(config.at("/logging/level/io.coerouter").asString()).isEqualTo("INFO");
        assertThat(ChartRenderTest.router(objects).getEnv())
                .extracting(EnvVar::getName)
                .noneMatch(n -> n.startsWith("COE_TRACING") || n.startsWith("COE_USAGE"));
        assertThat(Chart.all(objects, Secret.class)).isEmpty();
    }

    @Test
    void tracingUsageAndLogFormatReachTheConfigMapAndTheirSecretsOnlyAsReferences() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render(OBSERVABILITY));
        String file = Chart.configFiles(objects).get("application.yaml");
        JsonNode config = Chart.YAML.readTree(file);

        assertThat(config.at("/coe/tracing/enabled").asBoolean()).isTrue();
        assertThat(config.at("/coe/tracing/endpoint").asString())
                .isEqualTo("http://otel-collector.monitoring:4318/v1/traces");
        assertThat(config.at("/coe/tracing/sampling-ratio").asDouble()).isEqualTo(0.25);
        assertThat(config.at("/coe/tracing/capture-content").asBoolean()).isFalse();
        assertThat(config.at("/coe/tracing/service-name").asString()).isEqualTo("coe-prod");
        // Header names keep their case and dashes (Spring's [bracket] keys); values are placeholders of variables.
        assertThat(config.at("/coe/tracing/headers/[x-honeycomb-team]").asString())
                .isEqualTo("${COE_TRACING_HEADER_0}");
        assertThat(config.at("/coe/tracing/headers/[Authorization]").asString()).isEqualTo("${COE_TRACING_HEADER_1}");

        assertThat(config.at("/coe/usage/datasource/url").asString())
                .isEqualTo("jdbc:postgresql://postgres.db:5432/coe");
        assertThat(config.at("/coe/usage/datasource/username").asString()).isEqualTo("coe");
        assertThat(config.at("/coe/usage/datasource").has("password")).isFalse();
        assertThat(config.at("/coe/usage/retention").asString()).isEqualTo("90d");
        assertThat(config.at("/coe/usage/request-log/enabled").asBoolean()).isTrue();
        assertThat(config.at("/coe/usage/request-log/capture-content").asBoolean())
                .isFalse();
        assertThat(config.at("/coe/usage/request-log/retention").asString()).isEqualTo("7d");

        assertThat(config.at("/logging/structured/format/console").asString()).isEqualTo("ecs");
        assertThat(file)
                .doesNotContain("otel-backend")
                .doesNotContain("usage-db")
                .doesNotContainIgnoringCase("password");

        Container router = ChartRenderTest.router(objects);
        assertSecretRef(router, "COE_TRACING_HEADER_0", "otel-backend", "api-key");
        assertSecretRef(router, "COE_TRACING_HEADER_1", "otel-auth", "bearer");
        assertSecretRef(router, "COE_USAGE_DATASOURCE_PASSWORD", "usage-db", "pw");
        assertThat(Chart.all(objects, Secret.class))
                .as("the chart makes no Secret of its own")
                .isEmpty();
    }

    @Test
    void workersGetTheTracingHeadersButNeitherTheDatabasePasswordNorTheUsageDatabaseOfTheirSharedConfigMap() {
        List<HasMetadata> objects = Chart.parse(Chart.render(ChartWorkerTest.WORKERS_ON, OBSERVABILITY));
        Container worker = worker(objects);
        assertSecretRef(worker, "COE_TRACING_HEADER_0", "otel-backend", "api-key");
        assertSecretRef(worker, "COE_TRACING_HEADER_1", "otel-auth", "bearer");
        // Workers serve no chat request: no usage pool, Flyway or retention job. The shared ConfigMap names the
        // database, so the worker's variable (which outranks the file) blanks its URL, and usage history is off.
        assertThat(worker.getEnv()).extracting(EnvVar::getName).doesNotContain("COE_USAGE_DATASOURCE_PASSWORD");
        assertThat(worker.getEnv())
                .filteredOn(e -> e.getName().startsWith("COE_USAGE"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getName()).isEqualTo("COE_USAGE_DATASOURCE_URL");
                    assertThat(e.getValue()).isEmpty();
                    assertThat(e.getValueFrom()).isNull();
                });
        // The routers keep both.
        Container router = container(objects, Chart.FULLNAME);
        assertSecretRef(router, "COE_USAGE_DATASOURCE_PASSWORD", "usage-db", "pw");
        assertThat(router.getEnv()).extracting(EnvVar::getName).doesNotContain("COE_USAGE_DATASOURCE_URL");

        // Without usage history the worker needs no override.
        assertThat(worker(Chart.parse(Chart.render(ChartWorkerTest.WORKERS_ON))).getEnv())
                .extracting(EnvVar::getName)
                .noneMatch(n -> n.startsWith("COE_USAGE"));
    }

    private static Container worker(List<HasMetadata> objects) {
        return container(objects, ChartWorkerTest.WORKER);
    }

    /** The first container of the Deployment of this name. */
    private static Container container(List<HasMetadata> objects, String deployment) {
        return Chart.one(objects, Deployment.class, deployment)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    @Test
    void aPasswordGivenAsAValueGoesIntoASecretTheChartMakesAndReachesTheRouterOnlyThroughIt() throws Exception {
        String password = "s3cret-usage-pass-0123";
        String manifest =
                Chart.render("usage: {datasource: {url: \"jdbc:postgresql://pg:5432/coe\", username: coe, password: "
                        + password + "}}\n");
        List<HasMetadata> objects = Chart.parse(manifest);

        Secret secret = Chart.one(objects, Secret.class);
        assertThat(secret.getMetadata().getName()).isEqualTo(Chart.FULLNAME + "-usage-db");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo(password);
        assertSecretRef(
                ChartRenderTest.router(objects),
                "COE_USAGE_DATASOURCE_PASSWORD",
                Chart.FULLNAME + "-usage-db",
                "password");
        // Nowhere else: not in the ConfigMap, an argument or a plain variable.
        for (ConfigMap map : Chart.all(objects, ConfigMap.class)) {
            assertThat(String.join("\n", map.getData().values())).doesNotContain(password);
        }
        Container router = ChartRenderTest.router(objects);
        assertThat(router.getArgs()).noneMatch(a -> a.contains(password));
        assertThat(router.getEnv())
                .noneMatch(e -> e.getValue() != null && e.getValue().contains(password));
        // Without a database URL there is nothing to connect to: no Secret, no variable.
        List<HasMetadata> off = Chart.parse(Chart.render("usage: {datasource: {password: " + password + "}}\n"));
        assertThat(Chart.all(off, Secret.class)).isEmpty();
        assertThat(ChartRenderTest.router(off).getEnv())
                .noneMatch(e -> e.getName().startsWith("COE_USAGE"));
    }

    @Test
    void theSchemaRefusesTracingWithoutAnEndpointTwoPasswordSourcesAndUnknownLogFormats() {
        assertThat(Chart.renderError("tracing: {enabled: true}\n"))
                .contains("at '/tracing/endpoint'")
                .contains("minLength: got 0, want 1");
        assertThat(Chart.renderError("tracing: {enabled: true, endpoint: otel:4318}\n"))
                .contains("at '/tracing/endpoint'");
        assertThat(Chart.renderError("tracing: {samplingRatio: 1.5}\n")).contains("at '/tracing/samplingRatio'");
        assertThat(
                        Chart.renderError(
                                "tracing: {enabled: true, endpoint: \"http://c:4318/v1/traces\", headers: [{name: \"bad header\", secretName: s, key: k}]}\n"))
                .contains("at '/tracing/headers/0/name'");
        assertThat(
                        Chart.renderError(
                                "tracing: {enabled: true, endpoint: \"http://c:4318/v1/traces\", headers: [{name: x-api-key, value: plain}]}\n"))
                .contains("at '/tracing/headers/0'");
        assertThat(Chart.renderError(
                        "usage: {datasource: {url: \"jdbc:postgresql://pg/coe\", existingSecret: db, password: pw}}\n"))
                .contains("at '/usage/datasource/password'");
        assertThat(Chart.renderError("usage: {datasource: {url: \"postgres://pg/coe\"}}\n"))
                .contains("at '/usage/datasource/url'");
        assertThat(Chart.renderError("usage: {retention: forever}\n")).contains("at '/usage/retention'");
        assertThat(Chart.renderError("router: {logFormat: json}\n")).contains("at '/router/logFormat'");
    }

    @Test
    void theSchemaRefusesAUsageDatabaseUrlCarryingAPasswordSoNoneLandsInTheConfigMap() {
        for (String url : List.of(
                "jdbc:postgresql://pg:5432/coe?password=s3cret",
                "jdbc:postgresql://pg:5432/coe?user=coe&password=s3cret",
                "jdbc:postgresql://pg/coe?ssl=true&sslpassword=s3cret",
                "jdbc:postgresql://coe:s3cret@pg:5432/coe")) {
            assertThat(Chart.renderError("usage: {datasource: {url: \"" + url + "\"}}\n"))
                    .as(url)
                    .contains("at '/usage/datasource/url'");
        }
        // A user, a port, several hosts and other parameters are fine.
        for (String url : List.of(
                "jdbc:postgresql://pg:5432/coe?user=coe&sslmode=require",
                "jdbc:postgresql://coe@pg:5432/coe",
                "jdbc:postgresql://pg1:5432,pg2:5432/coe?targetServerType=primary")) {
            JsonNode config = config(Chart.render("usage: {datasource: {url: \"" + url + "\"}}\n"));
            assertThat(config.at("/coe/usage/datasource/url").asString()).isEqualTo(url);
        }
    }

    private static JsonNode config(String manifest) {
        return Chart.YAML.readTree(Chart.configFiles(Chart.parse(manifest)).get("application.yaml"));
    }

    @Test
    void theGenAiAndUsageAlertsRenderWithTheirThresholdsFromValuesAndDocumentedMetrics() throws Exception {
        List<HasMetadata> objects = Chart.parse(
                Chart.render(
                        """
                metrics:
                  prometheusRule:
                    enabled: true
                    genAiP99LatencySeconds: 42
                    genAiErrorRatio: 0.2
                    usageDroppedPerSecond: 0.5
                    usageWriteFailuresFor: 20m
                    costBurnUsdPerDay: 250
                """));
        Map<String, Map<String, Object>> rules = rules(objects);
        assertThat(expr(rules, "CoeRouterGenAiLatencyP99"))
                .contains("histogram_quantile(0.99")
                .contains("gen_ai_client_operation_duration_seconds_bucket{job=\"coe-coe-router\"}")
                .endsWith("> 42");
        assertThat(expr(rules, "CoeRouterGenAiErrorRate"))
                .contains("error_type!~\"|none\"")
                .endsWith("> 0.2");
        assertThat(expr(rules, "CoeRouterUsageRecordsDropped"))
                .contains("coe_usage_records_dropped_total")
                .endsWith("> 0.5");
        assertThat(expr(rules, "CoeRouterUsageWriteFailing")).contains("coe_usage_write_failures_total");
        assertThat(rules.get("CoeRouterUsageWriteFailing").get("for")).isEqualTo("20m");
        assertThat(expr(rules, "CoeRouterCostBurn"))
                .contains("coe_expert_cost_usd_total")
                .endsWith("* 86400 > 250");
        assertThat(rules.get("CoeRouterCostBurn").get("annotations").toString()).contains("250 USD a day");
        // Every expression names only documented metrics.
        String operations = Files.readString(Metrics.docs().resolve("operations.md"));
        for (Map<String, Object> rule : rules.values()) {
            for (String metric : Metrics.names(rule.get("expr").toString())) {
                if (!metric.startsWith("http_server") && !metric.equals("up")) {
                    assertThat(operations).as(metric).contains(Metrics.family(metric));
                }
            }
        }

        // The cost burn alert is off at its default (0).
        assertThat(rules(Chart.parse(Chart.render("metrics: {prometheusRule: {enabled: true}}\n"))))
                .containsKeys("CoeRouterGenAiLatencyP99", "CoeRouterUsageWriteFailing")
                .doesNotContainKey("CoeRouterCostBurn");
    }

    @Test
    void theGenAiDashboardIsValidJsonOnADatasourceVariableWithAnExemplarPanelLinkingToTraces() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render("metrics: {grafanaDashboard: {enabled: true}}\n"));
        ConfigMap map = Chart.all(objects, ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("coe-router-genai.json"))
                .findFirst()
                .orElseThrow();
        assertThat(map.getData()).containsKey("coe-router.json");
        String text = map.getData().get("coe-router-genai.json");
        JsonNode dashboard = Chart.YAML.readTree(text);
        assertThat(dashboard.get("uid").asString()).isEqualTo("coe-router-genai");

        List<String> variables = new ArrayList<>();
        dashboard
                .at("/templating/list")
                .forEach(v -> variables.add(
                        v.get("name").asString() + ":" + v.get("type").asString()));
        assertThat(variables).contains("datasource:datasource", "tracing:datasource", "job:query");

        List<JsonNode> exemplarPanels = new ArrayList<>();
        int graphs = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            graphs++;
            assertThat(panel.at("/datasource/uid").asString())
                    .as(panel.get("title").asString())
                    .isEqualTo("${datasource}");
            assertThat(panel.get("targets")).isNotEmpty();
            boolean exemplars = false;
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("expr").asString()).contains("job=~\"$job\"");
                exemplars |= target.path("exemplar").asBoolean(false);
            }
            if (exemplars) {
                exemplarPanels.add(panel);
            }
        }
        assertThat(graphs).isGreaterThanOrEqualTo(12);
        assertThat(exemplarPanels).hasSize(1);
        assertThat(exemplarPanels
                        .getFirst()
                        .at("/fieldConfig/defaults/links/0/url")
                        .asString())
                .contains("${tracing}")
                .contains("${__data.fields.trace_id}");

        // Every GenAI and usage-writer metric has a panel, and each one is documented.
        Set<String> used = new TreeSet<>();
        Metrics.names(text).forEach(m -> used.add(Metrics.family(m).replaceFirst("_sum$", "")));
        assertThat(used).containsAll(GENAI_AND_USAGE_METRICS);
        String operations = Files.readString(Metrics.docs().resolve("operations.md"));
        for (String metric : used) {
            assertThat(operations).as(metric).contains(metric);
        }
    }

    private static void assertSecretRef(Container c, String variable, String secret, String key) {
        Optional<EnvVar> env =
                c.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst();
        assertThat(env).as("%s in %s", variable, c.getName()).isPresent();
        assertThat(env.get().getValue()).as(variable).isNull();
        assertThat(env.get().getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
        assertThat(env.get().getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> rules(List<HasMetadata> objects) {
        GenericKubernetesResource rule = objects.stream()
                .filter(o ->
                        o instanceof GenericKubernetesResource && o.getKind().equals("PrometheusRule"))
                .map(GenericKubernetesResource.class::cast)
                .findFirst()
                .orElseThrow();
        Map<String, Object> spec =
                (Map<String, Object>) rule.getAdditionalProperties().get("spec");
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
            for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                byName.put((String) r.get("alert"), r);
            }
        }
        return byName;
    }

    private static String expr(Map<String, Map<String, Object>> rules, String alert) {
        assertThat(rules).containsKey(alert);
        return rules.get(alert).get("expr").toString().strip();
    }
}
