package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The response cache as chart values: cache.* reaches the routers' configuration as coe.cache.*, workers (which serve
 * no chat) have it switched off, the schema refuses values the router would refuse, and the cache's alert and
 * dashboard panels use the metrics the router exports.
 */
class ChartCacheTest {

    /** Every cache value away from its default. */
    static final String CACHE_ON =
            """
            cache:
              enabled: true
              scope: shared
              store: memory
              ttl: 15m
              maxEntries: 5000
              maxMemory: 64MB
              maxAnswerChars: 20000
              waitTimeout: 5s
              allowTemperature: true
              semantic:
                enabled: true
                threshold: 0.95
                skillThresholds: {arithmetic: 0.99, unit.conversion: 0.97}
                maxCandidates: 64
                maxQueryChars: 500
                guard: false
            """;

    private static JsonNode config(List<HasMetadata> objects) {
        return Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
    }

    @Test
    void byDefaultTheCacheIsNotConfiguredAndTheRouterKeepsItsDefaultOff() {
        List<HasMetadata> objects = Chart.parse(Chart.render());
        assertThat(config(objects).at("/coe/cache").isMissingNode()).isTrue();
        assertThat(ChartRenderTest.router(objects).getEnv())
                .extracting(EnvVar::getName)
                .noneMatch(n -> n.startsWith("COE_CACHE"));
    }

    @Test
    void theCacheValuesReachTheRoutersConfigurationAsCoeCache() {
        JsonNode cache = config(Chart.parse(Chart.render(CACHE_ON))).at("/coe/cache");

        assertThat(cache.path("enabled").asBoolean()).isTrue();
        assertThat(cache.path("scope").asString()).isEqualTo("shared");
        assertThat(cache.path("store").asString()).isEqualTo("memory");
        assertThat(cache.path("ttl").asString()).isEqualTo("15m");
        assertThat(cache.path("max-entries").asInt()).isEqualTo(5000);
        assertThat(cache.path("allow-temperature").asBoolean()).isTrue();
        assertThat(cache.path("max-memory").asString()).isEqualTo("64MB");
        assertThat(cache.path("max-answer-chars").asInt()).isEqualTo(20000);
        assertThat(cache.path("wait-timeout").asString()).isEqualTo("5s");
        JsonNode semantic = cache.path("semantic");
        assertThat(semantic.path("enabled").asBoolean()).isTrue();
        assertThat(semantic.path("threshold").asDouble()).isEqualTo(0.95);
        assertThat(semantic.path("max-candidates").asInt()).isEqualTo(64);
        assertThat(semantic.path("max-query-chars").asInt()).isEqualTo(500);
        assertThat(semantic.path("guard").asBoolean()).isFalse();
        // Skill ids in Spring's [bracket] keys, so a dot in one stays part of the id.
        assertThat(semantic.path("skill-thresholds").path("[arithmetic]").asDouble())
                .isEqualTo(0.99);
        assertThat(semantic.path("skill-thresholds").path("[unit.conversion]").asDouble())
                .isEqualTo(0.97);

        // The defaults, once enabled.
        JsonNode defaults =
                config(Chart.parse(Chart.render("cache: {enabled: true}\n"))).at("/coe/cache");
        assertThat(defaults.path("scope").asString()).isEqualTo("key");
        assertThat(defaults.path("store").asString()).isEqualTo("auto");
        assertThat(defaults.path("ttl").asString()).isEqualTo("1h");
        assertThat(defaults.path("max-entries").asInt()).isEqualTo(10000);
        assertThat(defaults.path("semantic").has("threshold"))
                .as("unset: the router's measured default for its encoder")
                .isFalse();
        assertThat(defaults.path("semantic").has("skill-thresholds")).isFalse();
    }

    @Test
    void theLookupTimerIsAPercentileHistogramSoTheDashboardsP99Exists() {
        JsonNode histograms = config(Chart.parse(Chart.render(CACHE_ON))).at("/management/metrics/distribution");
        assertThat(histograms
                        .path("percentiles-histogram")
                        .path("coe.cache.lookup")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void workersNeverGetTheCacheTheirSharedConfigMapNames() {
        List<HasMetadata> objects = Chart.parse(Chart.render(ChartWorkerTest.WORKERS_ON, CACHE_ON));
        assertThat(config(objects).at("/coe/cache/enabled").asBoolean()).isTrue();
        Container worker = container(objects, ChartWorkerTest.WORKER);
        // The variable outranks the ConfigMap's file: the worker's cache is off.
        assertThat(worker.getEnv())
                .filteredOn(e -> e.getName().startsWith("COE_CACHE"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getName()).isEqualTo("COE_CACHE_ENABLED");
                    assertThat(e.getValue()).isEqualTo("false");
                });
        assertThat(container(objects, Chart.FULLNAME).getEnv())
                .extracting(EnvVar::getName)
                .as("the gateways serve chat with the cache")
                .noneMatch(n -> n.startsWith("COE_CACHE"));

        // Without the cache the workers need no override.
        assertThat(container(Chart.parse(Chart.render(ChartWorkerTest.WORKERS_ON)), ChartWorkerTest.WORKER)
                        .getEnv())
                .extracting(EnvVar::getName)
                .noneMatch(n -> n.startsWith("COE_CACHE"));
    }

    @Test
    void theSchemaRefusesWhatTheRouterWouldRefuse() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("cache: {semantic: {threshold: 1.5}}\n", "at '/cache/semantic/threshold'");
        bad.put("cache: {semantic: {threshold: 0}}\n", "at '/cache/semantic/threshold'");
        bad.put("cache: {scope: tenant}\n", "at '/cache/scope'");
        bad.put("cache: {store: disk}\n", "at '/cache/store'");
        bad.put("cache: {ttl: forever}\n", "at '/cache/ttl'");
        bad.put("cache: {maxEntries: 0}\n", "at '/cache/maxEntries'");
        bad.put("cache: {maxMemory: lots}\n", "at '/cache/maxMemory'");
        bad.put("cache: {semantic: {maxCandidates: 20000}}\n", "at '/cache/semantic/maxCandidates'");
        bad.put("cache: {semantic: {skillThresholds: {arithmetic: 2}}}\n", "at '/cache/semantic/skillThresholds");
        bad.put("cache: {semantic: {skillThresholds: {\"bad id\": 0.9}}}\n", "'bad id' does not match pattern");
        bad.put("cache: {enabled: yes-please}\n", "at '/cache/enabled'");
        bad.put("cache: {maxAge: 1h}\n", "additional properties 'maxAge' not allowed");
        bad.put(
                "metrics: {prometheusRule: {cacheStoreErrorsFor: soon}}\n",
                "at '/metrics/prometheusRule/cacheStoreErrorsFor'");
        bad.forEach((values, message) ->
                assertThat(Chart.renderError(values)).as(values).contains(message));
        assertThat(Chart.renderError("cache: {scope: tenant}\n")).contains("value must be one of 'key', 'shared'");
    }

    @Test
    void aRedisStoreWithoutRedisIsRefusedWithTheReason() {
        assertThat(Chart.renderError(
                        "redis: {mode: none}\nrouter: {replicas: 1}\ncache: {enabled: true, store: redis}\n"))
                .contains("cache.store is redis but redis.mode is none");
        // auto falls back to memory; memory needs nothing.
        for (String store : List.of("auto", "memory")) {
            assertThat(config(Chart.parse(Chart.render(
                                    "redis: {mode: none}\nrouter: {replicas: 1}\ncache: {enabled: true, store: " + store
                                            + "}\n")))
                            .at("/coe/cache/store")
                            .asString())
                    .isEqualTo(store);
        }
    }

    @Test
    void theStoreErrorsAlertRendersWithTheCacheAndItsThresholdFromValues() {
        String rule =
                """
                metrics:
                  prometheusRule: {enabled: true, cacheStoreErrorsPerSecond: 0.5, cacheStoreErrorsFor: 15m}
                """;
        Map<String, Map<String, Object>> rules = rules(Chart.parse(Chart.render(rule, "cache: {enabled: true}\n")));
        assertThat(rules).containsKey("CoeRouterCacheStoreErrors");
        assertThat(rules.get("CoeRouterCacheStoreErrors").get("expr").toString().strip())
                .contains("rate(coe_cache_store_errors_total{job=\"coe-coe-router\"}[5m])")
                .endsWith("> 0.5");
        assertThat(rules.get("CoeRouterCacheStoreErrors").get("for")).isEqualTo("15m");
        Map<String, Map<String, Object>> defaults = rules(
                Chart.parse(Chart.render("metrics: {prometheusRule: {enabled: true}}\ncache: {enabled: true}\n")));
        assertThat(defaults.get("CoeRouterCacheStoreErrors")
                        .get("expr")
                        .toString()
                        .strip())
                .endsWith("> 0");
        assertThat(defaults.get("CoeRouterCacheStoreErrors").get("for")).isEqualTo("10m");
        // Without the cache there is no store to fail.
        assertThat(rules(Chart.parse(Chart.render(rule)))).doesNotContainKey("CoeRouterCacheStoreErrors");
    }

    @Test
    void theDashboardHasTheCachesPanelsOnTheMetricsTheRouterExports() {
        List<HasMetadata> objects = Chart.parse(Chart.render("metrics: {grafanaDashboard: {enabled: true}}\n"));
        String text = Chart.all(objects, ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("coe-router-genai.json"))
                .findFirst()
                .orElseThrow()
                .getData()
                .get("coe-router-genai.json");
        JsonNode dashboard = Chart.YAML.readTree(text);
        List<String> titles = new ArrayList<>();
        Set<String> exprs = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.path("title").asString().startsWith("Cache")) {
                titles.add(panel.get("title").asString());
                panel.get("targets").forEach(t -> exprs.add(t.get("expr").asString()));
            }
        }
        assertThat(titles).hasSize(5);
        assertThat(String.join("\n", exprs))
                .contains("coe_cache_requests_total{job=~\"$job\",result=\"hit\"}")
                .contains("sum by (kind)")
                .contains("coe_cache_saved_cost_usd_total")
                .contains("coe_cache_entries")
                .contains("coe_cache_store_errors_total")
                .contains("histogram_quantile(0.99, sum by (le) (rate(coe_cache_lookup_seconds_bucket");
        // The names are Micrometer's Prometheus names of ResponseCache's meters: coe.cache.requests (counter),
        // coe.cache.saved.cost (counter, base unit usd), coe.cache.entries (gauge), coe.cache.store.errors (counter),
        // coe.cache.lookup (timer, a percentile histogram by the ConfigMap); ChartToProcessIT scrapes them.
        Set<String> names = new TreeSet<>();
        exprs.forEach(e -> names.addAll(Metrics.names(e)));
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "coe_cache_requests_total",
                        "coe_cache_saved_cost_usd_total",
                        "coe_cache_entries",
                        "coe_cache_store_errors_total",
                        "coe_cache_lookup_seconds_bucket");
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
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
            for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                byName.put((String) r.get("alert"), r);
            }
        }
        return byName;
    }
}
