package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Renders the chart and checks the objects, in the spirit of helm-unittest, but parsed as Kubernetes types. */
class ChartRenderTest {

    /** Every optional object on: Ingress, HTTPRoute, NetworkPolicy, monitoring, the chart's Redis, a URL model source. */
    static final String EVERYTHING_ON =
            """
            auth: {enabled: true, existingSecret: auth-secret, viewerKeyKey: viewer-key}
            router:
              secretEnv: [{name: ANTHROPIC_API_KEY, secretName: provider-secret, key: anthropic}]
              envFromSecrets: [providers-all]
              env: [{name: COE_DEFAULTEXPERT, value: echo}]
            redis: {mode: chart, chart: {existingSecret: redis-secret, persistence: {enabled: false}}}
            localModels:
              modelSource: {type: url, url: {url: "https://models.example.com/pack.tar.gz", tokenSecret: model-token-secret}}
            autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 5, queueDepth: {enabled: true}}
            ingress: {enabled: true, className: nginx, tls: [{secretName: tls-secret, hosts: [coe-router.example.com]}]}
            httpRoute: {enabled: true, parentRefs: [{name: gateway, namespace: gateways}], hostnames: [llm.example.com]}
            networkPolicy: {enabled: true, ingressNamespaceSelector: {team: edge}, extraEgress: [{cidr: 10.1.0.0/16, ports: [8000]}]}
            tracing:
              enabled: true
              endpoint: http://otel-collector.monitoring:4318/v1/traces
              headers: [{name: x-honeycomb-team, secretName: otel-backend, key: api-key}]
            usage:
              datasource: {url: "jdbc:postgresql://postgres.db:5432/coe", username: coe, existingSecret: usage-db}
            metrics:
              serviceMonitor: {enabled: true}
              prometheusRule: {enabled: true, dailyBudgetUsd: 100, costBurnUsdPerDay: 50}
              grafanaDashboard: {enabled: true}
            """;

    private static final Set<String> SECRET_NAMES = Set.of(
            "auth-secret",
            "provider-secret",
            "providers-all",
            "redis-secret",
            "model-token-secret",
            "tls-secret",
            "otel-backend",
            "usage-db");

    private static List<List<HasMetadata>> renders() {
        return List.of(
                Chart.parse(Chart.render()),
                Chart.parse(Chart.render(Chart.example("values-production.yaml"))),
                Chart.parse(Chart.render(Chart.example("values-gpu.yaml"))),
                Chart.parse(Chart.render(Chart.example("gateway-and-gpu-workers.yaml"))),
                Chart.parse(Chart.render(ChartWorkerTest.WORKERS_ON)),
                Chart.parse(Chart.render(EVERYTHING_ON)));
    }

    @Test
    void everyObjectParsesAsItsKubernetesTypeWithNoUnknownField() {
        for (List<HasMetadata> objects : renders()) {
            assertThat(objects).isNotEmpty();
            for (HasMetadata o : objects) {
                if (o instanceof GenericKubernetesResource crd) {
                    assertKnownCustomResource(crd);
                } else {
                    assertThat(Chart.unknownFields(o))
                            .as(
                                    "fields %s/%s does not know",
                                    o.getKind(), o.getMetadata().getName())
                            .isEmpty();
                }
                assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", Chart.RELEASE);
            }
        }
        List<String> kinds = Chart.parse(Chart.render(EVERYTHING_ON)).stream()
                .map(HasMetadata::getKind)
                .toList();
        assertThat(kinds)
                .contains(
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "ServiceAccount",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "Ingress",
                        "HTTPRoute",
                        "NetworkPolicy",
                        "ServiceMonitor",
                        "PrometheusRule",
                        "StatefulSet");
    }

    @Test
    void theUnknownFieldCheckCatchesAMisspelledField() {
        HasMetadata bad = Chart.parse(
                        """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: x}
                        spec:
                          ports: [{port: 80, targetPortt: http}]
                        """)
                .get(0);
        assertThat(Chart.unknownFields(bad)).containsExactly("Service.spec.ports[0].targetPortt");
    }

    @Test
    void probesPortsAndPathsMatchWhatTheApplicationServes() throws Exception {
        // The application's own defaults: probe groups on, health and prometheus exposed.
        JsonNode app = Chart.YAML.readTree(Path.of(System.getProperty("coe.chart.dir", "coe-router"))
                .resolve("../../router-service/src/main/resources/application.yaml")
                .toFile());
        assertThat(app.at("/management/endpoint/health/probes/enabled").asBoolean())
                .isTrue();
        assertThat(app.at("/management/endpoints/web/exposure/include").asString())
                .contains("health")
                .contains("prometheus");

        List<HasMetadata> objects = Chart.parse(Chart.render(EVERYTHING_ON));
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        int http = config.at("/server/port").asInt();
        int management = config.at("/management/server/port").asInt();
        assertThat(http).isEqualTo(8080);
        assertThat(management).isEqualTo(9090).isNotEqualTo(http);

        Container router = router(objects);
        assertThat(router.getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("http", http),
                        org.assertj.core.groups.Tuple.tuple("management", management));
        assertProbe(router.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(router.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(router.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(router.getArgs())
                .containsExactly("--spring.config.additional-location=file:/etc/coe-router/application.yaml");
        assertThat(router.getVolumeMounts())
                .anyMatch(m -> m.getMountPath().equals("/etc/coe-router") && m.getReadOnly());

        Service service = Chart.all(objects, Service.class).stream()
                .filter(o -> o.getMetadata().getName().equals(Chart.FULLNAME))
                .findFirst()
                .orElseThrow();
        assertThat(service.getSpec().getPorts())
                .extracting(ServicePort::getName, p -> p.getTargetPort().getStrVal())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http", "http"),
                        org.assertj.core.groups.Tuple.tuple("management", "management"));
        assertThat(podLabels(objects)).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(Chart.one(objects, StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .as("the Redis pods are not behind the router's Service")
                .doesNotContainEntry("app.kubernetes.io/component", "router");
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "router");

        GenericKubernetesResource monitor = generic(objects, "ServiceMonitor");
        Map<String, Object> endpoint = first(monitor, "endpoints");
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        // The Ingress and the HTTPRoute reach only the HTTP port, never the actuator's.
        var ingress = Chart.one(objects, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
        assertThat(ingress.getSpec()
                        .getRules()
                        .get(0)
                        .getHttp()
                        .getPaths()
                        .get(0)
                        .getBackend()
                        .getService()
                        .getPort()
                        .getName())
                .isEqualTo("http");
        var route = Chart.one(objects, io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class);
        assertThat(route.getSpec().getRules().get(0).getBackendRefs().get(0).getPort())
                .isEqualTo(80);
    }

    @Test
    void noSecretValueIsRenderedIntoAConfigMapOrAnArgument() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render(EVERYTHING_ON));
        // Secrets are only referenced: each variable that carries one comes from a secretKeyRef, never a value.
        Set<String> secretVariables = Set.of(
                "COE_ADMIN_KEY",
                "COE_VIEWER_KEY",
                "COE_REDIS_PASSWORD",
                "REDIS_PASSWORD",
                "MODEL_TOKEN",
                "ANTHROPIC_API_KEY",
                "COE_TRACING_HEADER_0",
                "COE_USAGE_DATASOURCE_PASSWORD");
        List<String> seen = new ArrayList<>();
        for (Container c : allContainers(objects)) {
            for (EnvVar env : nullSafe(c.getEnv())) {
                if (secretVariables.contains(env.getName())) {
                    seen.add(env.getName());
                    assertThat(env.getValue()).as(env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isIn(SECRET_NAMES);
                }
                if (env.getValue() != null) {
                    assertThat(env.getValue())
                            .as("a plain value of " + env.getName())
                            .doesNotContainIgnoringCase("password=");
                }
            }
            for (String arg : Stream.concat(nullSafe(c.getCommand()).stream(), nullSafe(c.getArgs()).stream())
                    .toList()) {
                assertThat(arg)
                        .doesNotContain("admin-key")
                        .doesNotContain("viewer-key")
                        .doesNotContain("secret");
            }
        }
        assertThat(seen).containsAll(secretVariables);
        // The chart's Redis URL names the password only as a reference Kubernetes expands at start.
        EnvVar url = router(objects).getEnv().stream()
                .filter(e -> e.getName().equals("REDIS_URL"))
                .findFirst()
                .orElseThrow();
        assertThat(url.getValue()).isEqualTo("redis://:$(COE_REDIS_PASSWORD)@coe-coe-router-redis:6379");
        assertThat(router(objects).getEnvFrom()).allMatch(e -> e.getSecretRef() != null && e.getConfigMapRef() == null);

        for (ConfigMap map : Chart.all(objects, ConfigMap.class)) {
            String text =
                    String.join("\n", map.getData().values()) + map.getData().keySet();
            assertThat(text)
                    .doesNotContain("admin-key")
                    .doesNotContain("viewer-key")
                    .doesNotContain("password");
            for (String name : SECRET_NAMES) {
                assertThat(text).doesNotContain(name);
            }
        }
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        assertThat(config.at("/coe/redis/url").isMissingNode()).isTrue();
        assertThat(config.at("/coe/auth/admin-key").isMissingNode()).isTrue();
        assertThat(config.at("/coe/auth/enabled").asBoolean()).isTrue();
    }

    @Test
    void disruptionBudgetAndAutoscalerAgreeWithTheReplicas() {
        List<HasMetadata> fixed =
                Chart.parse(Chart.render("router: {replicas: 3}\npodDisruptionBudget: {maxUnavailable: 2}\n"));
        Deployment deployment = Chart.one(fixed, Deployment.class);
        PodDisruptionBudget pdb = Chart.one(fixed, PodDisruptionBudget.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2).isLessThan(3);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(Chart.all(fixed, HorizontalPodAutoscaler.class)).isEmpty();

        List<HasMetadata> scaled = Chart.parse(Chart.render(Chart.example("values-production.yaml")));
        Deployment scaledDeployment = Chart.one(scaled, Deployment.class);
        HorizontalPodAutoscaler hpa = Chart.one(scaled, HorizontalPodAutoscaler.class);
        assertThat(scaledDeployment.getSpec().getReplicas())
                .as("the HPA owns the count")
                .isNull();
        assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(scaledDeployment.getMetadata().getName());
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getMinReplicas())
                .isEqualTo(3)
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(Chart.one(scaled, PodDisruptionBudget.class)
                        .getSpec()
                        .getMaxUnavailable()
                        .getIntVal())
                .isLessThan(hpa.getSpec().getMinReplicas());

        HorizontalPodAutoscaler queue =
                Chart.one(Chart.parse(Chart.render(EVERYTHING_ON)), HorizontalPodAutoscaler.class);
        assertThat(queue.getSpec().getMetrics())
                .anyMatch(m ->
                        m.getPods() != null && m.getPods().getMetric().getName().equals("coe_scheduler_queue_depth"));

        // One router: a budget could only block drains, so none is rendered.
        assertThat(Chart.all(
                        Chart.parse(Chart.render("router: {replicas: 1}\nredis: {mode: none}\n")),
                        PodDisruptionBudget.class))
                .isEmpty();
        assertThat(Chart.renderError("router: {replicas: 2}\npodDisruptionBudget: {maxUnavailable: 2}\n"))
                .contains("podDisruptionBudget.maxUnavailable (2) must be below the router's replicas (2)");
        assertThat(Chart.renderError("autoscaling: {enabled: true, minReplicas: 6, maxReplicas: 3}\n"))
                .contains("autoscaling.minReplicas (6) must not exceed autoscaling.maxReplicas (3)");
    }

    @Test
    void everyContainerHasResourcesAndTheLockedDownSecurityContext() {
        for (List<HasMetadata> objects : renders()) {
            for (PodSpec pod : pods(objects)) {
                PodSecurityContext podSecurity = pod.getSecurityContext();
                assertThat(podSecurity.getRunAsNonRoot()).isTrue();
                assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
                assertThat(pod.getAutomountServiceAccountToken()).isFalse();
                for (Container c : Stream.concat(
                                nullSafe(pod.getInitContainers()).stream(), pod.getContainers().stream())
                        .toList()) {
                    assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
                    SecurityContext s = c.getSecurityContext();
                    assertThat(s.getRunAsNonRoot()).as(c.getName()).isTrue();
                    assertThat(s.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                    assertThat(s.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                    assertThat(s.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
                    assertThat(s.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
                    assertThat(s.getSeccompProfile().getType()).as(c.getName()).isEqualTo("RuntimeDefault");
                }
            }
        }
        // The read-only root filesystem leaves the JVM's temp folder and the model cache on volumes, set by env.
        Container router = router(Chart.parse(Chart.render()));
        assertThat(env(router, "JDK_JAVA_OPTIONS"))
                .contains("-Djava.io.tmpdir=/tmp")
                .contains("-XX:MaxRAMPercentage=60");
        assertThat(env(router, "DJL_CACHE_DIR")).isEqualTo("/var/cache/coe-router/djl");
        assertThat(router.getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .contains("/tmp", "/var/cache/coe-router");
    }

    @Test
    void aNewPodUsesTheImagesAotCacheWarmsUpAndIsProbedEverySecondUntilReady() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render());
        Container router = router(objects);
        assertThat(env(router, "JDK_JAVA_OPTIONS")).doesNotContain("AOTMode").doesNotContain("  ");
        assertThat(router.getStartupProbe().getPeriodSeconds()).isEqualTo(1);
        assertThat(router.getStartupProbe().getPeriodSeconds()
                        * router.getStartupProbe().getFailureThreshold())
                .as("seconds a slow start may take")
                .isGreaterThanOrEqualTo(300);
        assertThat(router.getReadinessProbe().getPeriodSeconds()).isEqualTo(1);
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        assertThat(config.at("/coe/warmup/enabled").asBoolean()).isTrue();
        assertThat(config.at("/coe/warmup/requests").asInt()).isEqualTo(300);
        assertThat(config.at("/coe/warmup/timeout").asString()).isEqualTo("10s");

        List<HasMetadata> off = Chart.parse(
                Chart.render(
                        """
                router: {jvm: {aotCache: {enabled: false}, extraOptions: "-Xlog:aot"}}
                config: {warmup: {enabled: false, requests: 50, timeout: 3s}}
                """));
        assertThat(env(router(off), "JDK_JAVA_OPTIONS")).endsWith("-XX:AOTMode=off -Xlog:aot");
        JsonNode offConfig = Chart.YAML.readTree(Chart.configFiles(off).get("application.yaml"));
        assertThat(offConfig.at("/coe/warmup/enabled").asBoolean()).isFalse();
        assertThat(offConfig.at("/coe/warmup/requests").asInt()).isEqualTo(50);
        assertThat(offConfig.at("/coe/warmup/timeout").asString()).isEqualTo("3s");
    }

    @Test
    void shutdownLetsInFlightStreamsFinishBeforeKubernetesKillsThePod() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render());
        PodSpec pod =
                Chart.one(objects, Deployment.class).getSpec().getTemplate().getSpec();
        Container router = router(objects);
        assertThat(router.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "10");
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        assertThat(config.at("/spring/lifecycle/timeout-per-shutdown-phase").asString())
                .isEqualTo("120s");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(10L + 120L);
        assertThat(Chart.renderError("router: {terminationGracePeriodSeconds: 60}\n"))
                .contains("router.terminationGracePeriodSeconds (60) must be at least router.preStopSleepSeconds plus"
                        + " router.shutdownTimeout (130 s)");
    }

    @Test
    void networkPolicySelectsTheRouterPodsAndLetsThemReachRedis() {
        List<HasMetadata> objects = Chart.parse(Chart.render(EVERYTHING_ON));
        Map<String, String> routerPods = podLabels(objects);
        Map<String, String> redisPods = Chart.one(objects, StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
        List<NetworkPolicy> policies = Chart.all(objects, NetworkPolicy.class);
        NetworkPolicy router = policies.stream()
                .filter(p -> p.getMetadata().getName().equals(Chart.FULLNAME))
                .findFirst()
                .orElseThrow();
        assertThat(routerPods)
                .containsAllEntriesOf(router.getSpec().getPodSelector().getMatchLabels());
        assertThat(redisPods).doesNotContainEntry("app.kubernetes.io/component", "router");
        assertThat(router.getSpec().getIngress())
                .extracting(r -> r.getPorts().get(0).getPort().getStrVal())
                .containsExactly("http", "management");
        assertThat(router.getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getNamespaceSelector()
                        .getMatchLabels())
                .containsEntry("team", "edge");
        assertThat(router.getSpec().getEgress())
                .anyMatch(e -> e.getTo() != null
                        && e.getTo().stream()
                                .anyMatch(t -> t.getPodSelector() != null
                                        && redisPods
                                                .entrySet()
                                                .containsAll(t.getPodSelector()
                                                        .getMatchLabels()
                                                        .entrySet())))
                .anyMatch(e -> e.getTo() != null
                        && e.getTo().stream()
                                .anyMatch(t -> t.getIpBlock() != null
                                        && t.getIpBlock().getCidr().equals("10.1.0.0/16")));
        NetworkPolicy redis = policies.stream()
                .filter(p -> !p.getMetadata().getName().equals(Chart.FULLNAME))
                .findFirst()
                .orElseThrow();
        assertThat(redisPods)
                .containsAllEntriesOf(redis.getSpec().getPodSelector().getMatchLabels());
        assertThat(routerPods)
                .containsAllEntriesOf(redis.getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getPodSelector()
                        .getMatchLabels());
    }

    @Test
    void aConfigurationChangeChangesTheChecksumSoPodsRoll() {
        String base = checksum(Chart.render());
        assertThat(checksum(Chart.render())).isEqualTo(base);
        assertThat(checksum(Chart.render("config: {routing: {method: symbolic-moe}}\n")))
                .isNotEqualTo(base);
        assertThat(checksum(Chart.render("config: {skills: {taxonomy: 'skills: []'}}\n")))
                .isNotEqualTo(base);
        assertThat(checksum(Chart.render("config: {experts: [{id: echo, adapter: echo}]}\n")))
                .isNotEqualTo(base);
        // What is not configuration leaves the pods alone.
        assertThat(checksum(Chart.render("router: {replicas: 3}\n"))).isEqualTo(base);
    }

    @Test
    void inlineTaxonomyAndProfilesBecomeFilesPassedAsPlainPaths() throws Exception {
        List<HasMetadata> objects = Chart.parse(
                Chart.render(
                        """
                config:
                  skills: {taxonomy: "skills:\\n  - id: maths\\n    description: sums\\n    examples: [What is 1 + 1?]\\n"}
                  profiles: {profiles: '{"experts": {}}'}
                """));
        Map<String, String> files = Chart.configFiles(objects);
        assertThat(files).containsKeys("application.yaml", "skills.yaml", "profiles.json");
        assertThat(files.get("skills.yaml")).contains("id: maths");
        JsonNode config = Chart.YAML.readTree(files.get("application.yaml"));
        assertThat(config.at("/coe/skills/taxonomy").asString()).isEqualTo("/etc/coe-router/skills.yaml");
        assertThat(config.at("/coe/profiles/location").asString()).isEqualTo("/etc/coe-router/profiles.json");
    }

    @Test
    void gpuExamplePutsRoutersOnGpuNodesWithTheirModels() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render(Chart.example("values-gpu.yaml")));
        PodSpec pod =
                Chart.one(objects, Deployment.class).getSpec().getTemplate().getSpec();
        assertOneGpuOnGpuNodesWithTheModelsClaim(pod, router(objects));
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        assertThat(config.at("/coe/local/device").asString()).isEqualTo("gpu");
        assertThat(config.at("/coe/local/model-dirs/0").asString()).isEqualTo("/models");
        assertThat(config.at("/coe/experts/0/modelPath").asString()).isEqualTo("/models/llama-3-8b");
    }

    @Test
    void alertsAndDashboardUseMetricsTheRouterExports() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render(EVERYTHING_ON));
        GenericKubernetesResource rule = generic(objects, "PrometheusRule");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules =
                (List<Map<String, Object>>) first(rule, "groups").get("rules");
        assertThat(rules)
                .extracting(r -> r.get("alert"))
                .contains(
                        "CoeRouterExpertErrorRate",
                        "CoeRouterHttp5xxRate",
                        "CoeRouterChatLatencyP99",
                        "CoeRouterQueueSaturation",
                        "CoeRouterCircuitOpen",
                        "CoeRouterRedisUnavailable",
                        "CoeRouterDailyBudgetNearlySpent",
                        "CoeRouterGenAiLatencyP99",
                        "CoeRouterGenAiErrorRate",
                        "CoeRouterUsageRecordsDropped",
                        "CoeRouterUsageWriteFailing",
                        "CoeRouterCostBurn");
        String dashboard = Chart.all(objects, ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("coe-router.json"))
                .findFirst()
                .orElseThrow()
                .getData()
                .get("coe-router.json");
        assertThat(Chart.YAML.readTree(dashboard).get("panels").size()).isGreaterThan(10);
        Set<String> used = new java.util.TreeSet<>();
        for (Map<String, Object> r : rules) {
            used.addAll(Metrics.names(r.get("expr").toString()));
        }
        used.addAll(Metrics.names(dashboard));
        assertThat(used)
                .contains(
                        "coe_expert_calls_total",
                        "http_server_requests_seconds_bucket",
                        "coe_scheduler_queue_depth",
                        "coe_state_redis_connected");
        // Every metric is one the router documents (docs/operations.md) or Spring/JVM's own.
        String operations = Files.readString(Metrics.docs().resolve("operations.md"));
        for (String metric : used) {
            if (metric.startsWith("coe_") || metric.startsWith("gen_ai_")) {
                assertThat(operations).as(metric).contains(Metrics.family(metric));
            } else {
                assertThat(metric).matches("(http_server_requests_seconds_(count|bucket)|jvm_memory_used_bytes|up)");
            }
        }
    }

    static String checksum(String manifest) {
        return Chart.one(Chart.parse(manifest), Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/config");
    }

    static Container router(List<HasMetadata> objects) {
        return Chart.one(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("router"))
                .findFirst()
                .orElseThrow();
    }

    static String env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private static Map<String, String> podLabels(List<HasMetadata> objects) {
        return Chart.one(objects, Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
    }

    private static List<PodSpec> pods(List<HasMetadata> objects) {
        List<PodSpec> pods = new ArrayList<>();
        Chart.all(objects, Deployment.class)
                .forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        Chart.all(objects, StatefulSet.class)
                .forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        return pods;
    }

    private static List<Container> allContainers(List<HasMetadata> objects) {
        return pods(objects).stream()
                .flatMap(p -> Stream.concat(nullSafe(p.getInitContainers()).stream(), p.getContainers().stream()))
                .toList();
    }

    /** One NVIDIA GPU, GPU nodes and the examples' models claim mounted read-only at /models. */
    static void assertOneGpuOnGpuNodesWithTheModelsClaim(PodSpec pod, Container c) {
        assertThat(c.getResources().getLimits().get("nvidia.com/gpu").getAmount())
                .isEqualTo("1");
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(pod.getTolerations()).anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
        assertThat(pod.getVolumes())
                .anyMatch(v -> v.getPersistentVolumeClaim() != null
                        && v.getPersistentVolumeClaim().getClaimName().equals("coe-models"));
        assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/models") && m.getReadOnly());
    }

    static void assertProbe(Probe probe, String path) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    private static GenericKubernetesResource generic(List<HasMetadata> objects, String kind) {
        return objects.stream()
                .filter(o ->
                        o instanceof GenericKubernetesResource && o.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(GenericKubernetesResource r, String listField) {
        Map<String, Object> spec =
                (Map<String, Object>) r.getAdditionalProperties().get("spec");
        return ((List<Map<String, Object>>) spec.get(listField)).get(0);
    }

    /** The custom resources fabric8 has no type for: the fields the Prometheus operator's CRDs define. */
    @SuppressWarnings("unchecked")
    private static void assertKnownCustomResource(GenericKubernetesResource r) {
        Map<String, Object> spec =
                (Map<String, Object>) r.getAdditionalProperties().get("spec");
        assertThat(r.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        switch (r.getKind()) {
            case "ServiceMonitor" -> {
                assertThat(spec).containsOnlyKeys("selector", "endpoints");
                for (Map<String, Object> e : (List<Map<String, Object>>) spec.get("endpoints")) {
                    assertThat(e).containsOnlyKeys("port", "path", "interval");
                }
            }
            case "PrometheusRule" -> {
                assertThat(spec).containsOnlyKeys("groups");
                for (Map<String, Object> g : (List<Map<String, Object>>) spec.get("groups")) {
                    assertThat(g).containsOnlyKeys("name", "rules");
                    for (Map<String, Object> rule : (List<Map<String, Object>>) g.get("rules")) {
                        assertThat(rule.keySet()).isSubsetOf("alert", "expr", "for", "labels", "annotations");
                        assertThat(rule).containsKeys("alert", "expr");
                    }
                }
            }
            default -> throw new AssertionError("unexpected custom resource " + r.getKind());
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
