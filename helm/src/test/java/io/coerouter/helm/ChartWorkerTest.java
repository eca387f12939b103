package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The GPU worker Deployment (worker.enabled) beside the routers, which then run as gateways. */
class ChartWorkerTest {

    static final String WORKER = Chart.FULLNAME + "-worker";
    static final String EXAMPLE = "gateway-and-gpu-workers.yaml";

    /** CPU workers on the chart's Redis with its password, auth, a url model source and every worker option on. */
    static final String WORKERS_ON =
            """
            auth: {enabled: true, existingSecret: auth-secret}
            redis: {mode: chart, chart: {existingSecret: redis-secret}}
            localModels:
              modelSource: {type: url, url: {url: "https://models.example.com/pack.tar.gz", tokenSecret: model-token-secret}}
            worker:
              enabled: true
              replicas: 3
              gpu: {enabled: false}
              secretEnv: [{name: COE_DISPATCH_REDISCLUSTERURLS, secretName: cluster-secret, key: urls}]
              env: [{name: COE_DISPATCH_BLOCK, value: 500ms}]
              podAnnotations: {team: ml}
            networkPolicy:
              enabled: true
              prometheusNamespaceSelector: {team: monitoring}
              workerExtraEgress: [{cidr: 10.9.0.0/16, ports: [9000]}]
            metrics: {serviceMonitor: {enabled: true}}
            """;

    @Test
    void withoutWorkersNothingOfThemIsRenderedAndTheRouterKeepsRoleAll() throws Exception {
        for (String values : List.of("", "worker: {enabled: false, replicas: 5}\n")) {
            List<HasMetadata> objects = Chart.parse(Chart.render(values));
            assertThat(objects).as("objects of the worker component").noneMatch(o -> "worker"
                    .equals(o.getMetadata().getLabels().get("app.kubernetes.io/component")));
            assertThat(Chart.all(objects, Deployment.class)).hasSize(1);
            assertThat(env(ChartRenderTest.router(objects), "COE_ROLE")).isEmpty();
            JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
            assertThat(config.at("/coe/role").isMissingNode()).isTrue();
            assertThat(config.at("/coe/dispatch").isMissingNode()).isTrue();
        }
    }

    @Test
    void workersMakeTheRoutersGatewaysWithoutGpusOrModelsAndRunTheModelsOnGpus() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render(Chart.example(EXAMPLE)));
        assertThat(Chart.all(objects, Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(Chart.FULLNAME, WORKER);

        PodSpec gatewayPod = pod(objects, Chart.FULLNAME);
        Container gateway = container(objects, Chart.FULLNAME);
        assertThat(env(gateway, "COE_ROLE")).contains("gateway");
        assertThat(gateway.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(gateway.getResources().getRequests()).doesNotContainKey("nvidia.com/gpu");
        assertThat(gatewayPod.getInitContainers()).isNullOrEmpty();
        assertThat(gatewayPod.getVolumes()).noneMatch(v -> v.getName().equals("models"));
        assertThat(gatewayPod.getNodeSelector()).isNullOrEmpty();

        PodSpec workerPod = pod(objects, WORKER);
        Container worker = container(objects, WORKER);
        assertThat(env(worker, "COE_ROLE")).contains("worker");
        assertThat(env(worker, "COE_LOCAL_DEVICE")).contains("gpu");
        ChartRenderTest.assertOneGpuOnGpuNodesWithTheModelsClaim(workerPod, worker);

        // The same experts configuration and the same Redis as the gateways.
        assertThat(worker.getArgs()).isEqualTo(gateway.getArgs());
        assertThat(workerPod.getVolumes().stream()
                        .filter(v -> v.getName().equals("config"))
                        .findFirst()
                        .orElseThrow()
                        .getConfigMap()
                        .getName())
                .isEqualTo(Chart.FULLNAME);
        assertThat(envVar(worker, "REDIS_URL")).isEqualTo(envVar(gateway, "REDIS_URL"));
        assertThat(envVar(worker, "REDIS_URL").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("coe-router-redis");
        assertThat(checksum(objects, WORKER)).isNotBlank().isEqualTo(checksum(objects, Chart.FULLNAME));
        // Local models need no provider keys: the gateways' provider Secret stays with them.
        assertThat(gateway.getEnvFrom()).isNotEmpty();
        assertThat(worker.getEnvFrom()).isNullOrEmpty();

        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        assertThat(config.at("/coe/role").isMissingNode())
                .as("the role is each Deployment's own, never in the shared ConfigMap")
                .isTrue();
        assertThat(config.at("/coe/dispatch/queue-capacity").asInt()).isEqualTo(1024);
        assertThat(config.at("/coe/dispatch/lease").asString()).isEqualTo("15s");
        assertThat(config.at("/coe/dispatch/overflow-after").isMissingNode()).isTrue();
        assertThat(config.at("/coe/local/model-dirs/0").asString()).isEqualTo("/models");
    }

    @Test
    void workersExposeOnlyTheActuatorBehindAHeadlessServiceForScraping() throws Exception {
        List<HasMetadata> objects = Chart.parse(Chart.render(WORKERS_ON));
        JsonNode config = Chart.YAML.readTree(Chart.configFiles(objects).get("application.yaml"));
        int management = config.at("/management/server/port").asInt();
        Container worker = container(objects, WORKER);
        assertThat(worker.getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(tuple("management", management));
        ChartRenderTest.assertProbe(worker.getStartupProbe(), "/actuator/health/liveness");
        ChartRenderTest.assertProbe(worker.getLivenessProbe(), "/actuator/health/liveness");
        ChartRenderTest.assertProbe(worker.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(worker.getLifecycle())
                .as("no traffic to drain, so no preStop")
                .isNull();

        Map<String, String> workerPods = podLabels(objects, WORKER);
        Map<String, String> gatewayPods = podLabels(objects, Chart.FULLNAME);
        Service headless = service(objects, WORKER);
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPorts())
                .extracting(ServicePort::getName, p -> p.getTargetPort().getStrVal())
                .containsExactly(tuple("management", "management"));
        assertThat(workerPods).containsAllEntriesOf(headless.getSpec().getSelector());
        assertThat(selects(headless.getSpec().getSelector(), gatewayPods))
                .as("the worker Service selects gateways")
                .isFalse();
        Map<String, String> gatewaySelector =
                service(objects, Chart.FULLNAME).getSpec().getSelector();
        assertThat(selects(gatewaySelector, workerPods))
                .as("the gateways' Service (the API) selects workers")
                .isFalse();

        List<GenericKubernetesResource> monitors = objects.stream()
                .filter(o ->
                        o instanceof GenericKubernetesResource && o.getKind().equals("ServiceMonitor"))
                .map(GenericKubernetesResource.class::cast)
                .toList();
        assertThat(monitors).hasSize(2);
        GenericKubernetesResource workerMonitor = monitors.stream()
                .filter(m -> m.getMetadata().getName().equals(WORKER))
                .findFirst()
                .orElseThrow();
        Map<String, Object> spec = spec(workerMonitor);
        @SuppressWarnings("unchecked")
        Map<String, String> selected =
                (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        assertThat(headless.getMetadata().getLabels()).containsAllEntriesOf(selected);
        assertThat(selects(
                        selected, service(objects, Chart.FULLNAME).getMetadata().getLabels()))
                .as("the worker ServiceMonitor selects the gateways' Service")
                .isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
    }

    @Test
    void workerPodsHaveTheLockedDownSecurityContextAndTheirSecretsOnlyAsReferences() {
        List<HasMetadata> objects = Chart.parse(Chart.render(WORKERS_ON));
        PodSpec pod = pod(objects, WORKER);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getInitContainers())
                .as("the url model source's fetcher runs on the workers")
                .extracting(Container::getName)
                .containsExactly("models");
        assertThat(pod(objects, Chart.FULLNAME).getInitContainers())
                .as("but not on the gateways")
                .isNullOrEmpty();
        for (Container c : java.util.stream.Stream.concat(
                        pod.getInitContainers().stream(), pod.getContainers().stream())
                .toList()) {
            SecurityContext s = c.getSecurityContext();
            assertThat(s.getRunAsNonRoot()).as(c.getName()).isTrue();
            assertThat(s.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
            assertThat(s.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
            assertThat(s.getPrivileged()).as(c.getName()).isFalse();
            assertThat(s.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
            assertThat(s.getSeccompProfile().getType()).as(c.getName()).isEqualTo("RuntimeDefault");
            assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
            for (EnvVar e : c.getEnv()) {
                String secret = Map.of(
                                "COE_ADMIN_KEY", "auth-secret",
                                "COE_REDIS_PASSWORD", "redis-secret",
                                "MODEL_TOKEN", "model-token-secret",
                                "COE_DISPATCH_REDISCLUSTERURLS", "cluster-secret")
                        .get(e.getName());
                if (secret != null) {
                    assertThat(e.getValue()).as(e.getName()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName())
                            .as(e.getName())
                            .isEqualTo(secret);
                }
            }
        }
        Container worker = container(objects, WORKER);
        assertThat(envVar(worker, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(COE_REDIS_PASSWORD)@coe-coe-router-redis:6379");
        assertThat(envVar(worker, "COE_ADMIN_KEY")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("auth-secret");
        assertThat(envVar(worker, "COE_DISPATCH_REDISCLUSTERURLS")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getKey())
                .isEqualTo("urls");
        assertThat(env(worker, "COE_DISPATCH_BLOCK")).contains("500ms");
        // CPU workers: no GPU and the device left to the configuration.
        assertThat(env(worker, "COE_LOCAL_DEVICE")).isEmpty();
        assertThat(worker.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(Chart.one(objects, Deployment.class, WORKER)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("team", "ml")
                .containsKey("checksum/config");
    }

    @Test
    void aStoppingWorkerHasTimeToFinishItsBatch() {
        List<HasMetadata> objects = Chart.parse(Chart.render(WORKERS_ON));
        PodSpec pod = pod(objects, WORKER);
        Container worker = container(objects, WORKER);
        assertThat(env(worker, "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")).contains("300s");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(300L);
        // The gateways keep their own (shorter) shutdown from the shared ConfigMap.
        assertThat(env(container(objects, Chart.FULLNAME), "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE"))
                .isEmpty();
        assertThat(Chart.renderError(WORKERS_ON, "worker: {terminationGracePeriodSeconds: 60}\n"))
                .contains("worker.terminationGracePeriodSeconds (60) must be at least worker.shutdownTimeout (300 s)");
        assertThat(Chart.renderError(WORKERS_ON, "worker: {shutdownTimeout: 2d}\n"))
                .contains("worker.shutdownTimeout must be a duration such as 120s, 2m or 1h");
        // A rollout replaces one worker at a time without a surge pod (which would need a spare GPU).
        var rolling = Chart.one(objects, Deployment.class, WORKER)
                .getSpec()
                .getStrategy()
                .getRollingUpdate();
        assertThat(rolling.getMaxSurge().getIntVal()).isZero();
        assertThat(rolling.getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(Chart.renderError(WORKERS_ON, "worker: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}\n"))
                .contains("worker.rollingUpdate.maxSurge and worker.rollingUpdate.maxUnavailable are both 0");
    }

    @Test
    void theWorkersDisruptionBudgetAndAutoscalerAgreeWithTheirReplicas() {
        List<HasMetadata> fixed = Chart.parse(Chart.render(WORKERS_ON));
        PodDisruptionBudget pdb = Chart.one(fixed, PodDisruptionBudget.class, WORKER);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Chart.one(fixed, Deployment.class, WORKER)
                        .getSpec()
                        .getSelector()
                        .getMatchLabels());
        assertThat(Chart.one(fixed, Deployment.class, WORKER).getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(Chart.all(fixed, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(Chart.renderError(WORKERS_ON, "worker: {podDisruptionBudget: {maxUnavailable: 3}}\n"))
                .contains("worker.podDisruptionBudget.maxUnavailable (3) must be below the workers' replicas (3)");
        // One worker: a budget could only block drains.
        assertThat(Chart.parse(Chart.render(WORKERS_ON, "worker: {replicas: 1}\n")).stream()
                        .filter(o -> o instanceof PodDisruptionBudget)
                        .map(o -> o.getMetadata().getName()))
                .doesNotContain(WORKER);

        List<HasMetadata> scaled = Chart.parse(Chart.render(Chart.example(EXAMPLE)));
        HorizontalPodAutoscaler hpa = Chart.one(scaled, HorizontalPodAutoscaler.class, WORKER);
        assertThat(Chart.one(scaled, Deployment.class, WORKER).getSpec().getReplicas())
                .as("the HPA owns the count")
                .isNull();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(WORKER);
        assertThat(hpa.getSpec().getMinReplicas())
                .isEqualTo(2)
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("External");
        MetricSpec queue = hpa.getSpec().getMetrics().get(0);
        assertThat(queue.getExternal().getMetric().getName()).isEqualTo("coe_dispatch_queue_depth");
        assertThat(queue.getExternal().getTarget().getAverageValue().getAmount())
                .isEqualTo("32");
        assertThat(Chart.one(scaled, PodDisruptionBudget.class, WORKER)
                        .getSpec()
                        .getMaxUnavailable()
                        .getIntVal())
                .isLessThan(hpa.getSpec().getMinReplicas());
        // The gateways' own HPA still targets the gateways.
        assertThat(Chart.one(scaled, HorizontalPodAutoscaler.class, Chart.FULLNAME)
                        .getSpec()
                        .getScaleTargetRef()
                        .getName())
                .isEqualTo(Chart.FULLNAME);

        HorizontalPodAutoscaler cpu = Chart.one(
                Chart.parse(Chart.render(
                        WORKERS_ON, "worker: {autoscaling: {enabled: true, targetCPUUtilizationPercentage: 60}}\n")),
                HorizontalPodAutoscaler.class,
                WORKER);
        assertThat(cpu.getSpec().getMetrics())
                .extracting(m -> m.getType(), m -> m.getResource().getTarget().getAverageUtilization())
                .containsExactly(tuple("Resource", 60));
        assertThat(Chart.renderError(WORKERS_ON, "worker: {autoscaling: {enabled: true}}\n"))
                .contains("worker.autoscaling.enabled needs a metric");
        assertThat(Chart.renderError(
                        WORKERS_ON,
                        "worker: {autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2,"
                                + " queueDepth: {enabled: true}}}\n"))
                .contains("worker.autoscaling.minReplicas (5) must not exceed worker.autoscaling.maxReplicas (2)");
    }

    @Test
    void networkPolicyLetsWorkersReachRedisAndBeScrapedButAdmitsNoClient() {
        List<HasMetadata> objects = Chart.parse(Chart.render(WORKERS_ON));
        Map<String, String> workerPods = podLabels(objects, WORKER);
        Map<String, String> gatewayPods = podLabels(objects, Chart.FULLNAME);
        Map<String, String> redisPods = Chart.one(objects, StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
        NetworkPolicy workers = Chart.one(objects, NetworkPolicy.class, WORKER);
        assertThat(workerPods)
                .containsAllEntriesOf(workers.getSpec().getPodSelector().getMatchLabels());
        assertThat(selects(workers.getSpec().getPodSelector().getMatchLabels(), gatewayPods))
                .as("the workers' policy selects gateways")
                .isFalse();
        // In: only the management port, only from the Prometheus namespace.
        assertThat(workers.getSpec().getIngress()).hasSize(1);
        var in = workers.getSpec().getIngress().get(0);
        assertThat(in.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("management");
        assertThat(in.getFrom())
                .extracting(f -> f.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.of("team", "monitoring"));
        // Out: DNS, the chart's Redis, the url source's download (providerEgress) and workerExtraEgress.
        List<NetworkPolicyEgressRule> egress = workers.getSpec().getEgress();
        assertThat(egress).anyMatch(e -> peers(e).stream()
                .anyMatch(t -> t.getPodSelector() != null
                        && redisPods
                                .entrySet()
                                .containsAll(t.getPodSelector().getMatchLabels().entrySet())));
        assertThat(egress)
                .extracting(e -> peers(e).stream()
                        .map(t ->
                                t.getIpBlock() == null ? "pods" : t.getIpBlock().getCidr())
                        .toList())
                .containsExactly(List.of(), List.of("pods"), List.of("0.0.0.0/0"), List.of("10.9.0.0/16"));

        // The chart's Redis admits the workers too (and still the gateways).
        NetworkPolicy redis = Chart.one(objects, NetworkPolicy.class, Chart.FULLNAME + "-redis");
        List<Map<String, String>> admitted = redis.getSpec().getIngress().get(0).getFrom().stream()
                .map(p -> p.getPodSelector().getMatchLabels())
                .toList();
        assertThat(admitted).anyMatch(selector -> selects(selector, workerPods));
        assertThat(admitted).anyMatch(selector -> selects(selector, gatewayPods));

        // An external Redis: its CIDR, and no download rule without a url model source.
        NetworkPolicy external =
                Chart.one(Chart.parse(Chart.render(Chart.example(EXAMPLE))), NetworkPolicy.class, WORKER);
        assertThat(external.getSpec().getEgress())
                .extracting(e -> peers(e).stream()
                        .map(t -> t.getIpBlock().getCidr() + ":"
                                + e.getPorts().get(0).getPort().getIntVal())
                        .toList())
                .containsExactly(List.of(), List.of("10.20.0.0/24:6380"));
    }

    /** Whether a label selector selects pods with these labels. */
    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static String checksum(List<HasMetadata> objects, String deployment) {
        return Chart.one(objects, Deployment.class, deployment)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/config");
    }

    static Optional<String> env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .map(EnvVar::getValue);
    }

    private static EnvVar envVar(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + c.getName()));
    }

    private static PodSpec pod(List<HasMetadata> objects, String deployment) {
        return Chart.one(objects, Deployment.class, deployment)
                .getSpec()
                .getTemplate()
                .getSpec();
    }

    private static Container container(List<HasMetadata> objects, String deployment) {
        List<Container> containers = pod(objects, deployment).getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> podLabels(List<HasMetadata> objects, String deployment) {
        return Chart.one(objects, Deployment.class, deployment)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
    }

    private static Service service(List<HasMetadata> objects, String name) {
        return Chart.one(objects, Service.class, name);
    }

    private static List<NetworkPolicyPeer> peers(NetworkPolicyEgressRule rule) {
        return rule.getTo() == null ? List.of() : rule.getTo();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }
}
