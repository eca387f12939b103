package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Negative renders: values.schema.json and the chart's own checks refuse bad values with a message naming the key. */
class ChartSchemaTest {

    @Test
    void negativeReplicasAreRefusedNamingTheKey() {
        assertThat(Chart.renderError("router: {replicas: -1}\n"))
                .contains("at '/router/replicas'")
                .contains("minimum: got -1, want 0");
    }

    @Test
    void unknownKeysAreRefusedAtTheTopAndDeepInside() {
        assertThat(Chart.renderError("replicaCount: 3\n")).contains("additional properties 'replicaCount' not allowed");
        assertThat(Chart.renderError("router: {replica: 3}\n"))
                .contains("at '/router'")
                .contains("additional properties 'replica' not allowed");
        // A misspelt expert setting would otherwise be ignored by the router.
        assertThat(Chart.renderError("config: {experts: [{id: a, adapter: echo, maxConcurency: 4}]}\n"))
                .contains("at '/config/experts/0'")
                .contains("additional properties 'maxConcurency' not allowed");
        assertThat(Chart.renderError("config: {experts: [{id: a, adapter: echo, resilience: {retries: 3}}]}\n"))
                .contains("at '/config/experts/0/resilience'")
                .contains("'retries' not allowed");
    }

    @Test
    void authWithoutAnAdminKeySecretIsRefused() {
        assertThat(Chart.renderError("auth: {enabled: true}\n"))
                .contains("at '/auth/existingSecret'")
                .contains("minLength: got 0, want 1");
        // With the Secret named it renders.
        assertThat(Chart.render("auth: {enabled: true, existingSecret: coe-auth}\n"))
                .contains("name: COE_ADMIN_KEY");
    }

    @Test
    void gpuLocalExpertsWithoutAModelSourceAreRefused() {
        assertThat(Chart.renderError("localModels: {gpu: {enabled: true}}\n"))
                .contains("at '/localModels/modelSource/type'")
                .contains("value must be one of 'pvc', 'image', 'url'");
        assertThat(Chart.render(
                        "localModels: {gpu: {enabled: true}, modelSource: {type: pvc, pvc: {claimName: models}}}\n"))
                .contains("nvidia.com/gpu: 1");
    }

    @Test
    void wrongTypesAndValuesOutsideTheApplicationsChoicesAreRefused() {
        assertThat(Chart.renderError("config: {routing: {method: random}}\n"))
                .contains("at '/config/routing/method'")
                .contains("value must be one of 'category', 'symbolic-moe'");
        assertThat(Chart.renderError("config: {experts: [{id: a, adapter: olama}]}\n"))
                .contains("at '/config/experts/0/adapter'");
        assertThat(Chart.renderError("config: {experts: [{adapter: echo}]}\n"))
                .contains("at '/config/experts/0'")
                .contains("missing property 'id'");
        assertThat(Chart.renderError("router: {shutdownTimeout: soon}\n")).contains("at '/router/shutdownTimeout'");
        assertThat(Chart.renderError("redis: {mode: external}\n")).contains("at '/redis/external/existingSecret'");
        assertThat(Chart.renderError("httpRoute: {enabled: true}\n")).contains("at '/httpRoute/parentRefs'");
    }

    @Test
    void severalReplicasWithoutSharedStateAreRefusedWithTheReason() {
        assertThat(Chart.renderError("redis: {mode: none}\n"))
                .contains("router.replicas is 2 but redis.mode is none")
                .contains("set redis.mode to external or chart, or run one replica");
        assertThat(Chart.render("redis: {mode: none}\nrouter: {replicas: 1}\n")).contains("replicas: 1");
    }

    @Test
    void workersWithoutRedisAreRefusedWithTheReason() {
        assertThat(Chart.renderError(
                        "redis: {mode: none}\nrouter: {replicas: 1}\nworker: {enabled: true, gpu: {enabled: false}}\n"))
                .contains("worker.enabled needs Redis, but redis.mode is none")
                .contains("set redis.mode to chart or external");
        // The same workers render with the chart's Redis.
        assertThat(Chart.render("worker: {enabled: true, gpu: {enabled: false}}\n"))
                .contains("name: coe-coe-router-worker")
                .contains("value: worker");
    }

    @Test
    void badWorkerReplicasAndUnknownWorkerKeysAreRefusedNamingTheKey() {
        assertThat(Chart.renderError("worker: {enabled: true, replicas: -1}\n"))
                .contains("at '/worker/replicas'")
                .contains("minimum: got -1, want 1");
        assertThat(Chart.renderError("worker: {enabled: true, replicas: 0}\n"))
                .contains("at '/worker/replicas'")
                .contains("minimum: got 0, want 1");
        assertThat(Chart.renderError("worker: {replicas: two}\n")).contains("at '/worker/replicas'");
        assertThat(Chart.renderError("worker: {replica: 3}\n"))
                .contains("at '/worker'")
                .contains("additional properties 'replica' not allowed");
        assertThat(Chart.renderError("worker: {gpu: {count: 0}}\n")).contains("at '/worker/gpu/count'");
        assertThat(Chart.renderError("worker: {autoscaling: {queueDepth: {metricName: ''}}}\n"))
                .contains("at '/worker/autoscaling/queueDepth/metricName'");
        assertThat(Chart.renderError("config: {dispatch: {queueCapacity: 0}}\n"))
                .contains("at '/config/dispatch/queueCapacity'");
        assertThat(Chart.renderError("config: {dispatch: {lease: soon}}\n")).contains("at '/config/dispatch/lease'");
    }

    @Test
    void gpuWorkersNeedAModelSourceAndTakeTheGpusFromTheRouters() {
        assertThat(Chart.renderError("worker: {enabled: true}\n"))
                .contains("worker.gpu.enabled is true but localModels.modelSource.type is none");
        String pvc = "localModels: {modelSource: {type: pvc, pvc: {claimName: models}}}\n";
        assertThat(Chart.render(pvc, "worker: {enabled: true}\n")).contains("nvidia.com/gpu: 1");
        assertThat(Chart.renderError(pvc, "localModels: {gpu: {enabled: true}}\nworker: {enabled: true}\n"))
                .contains("worker.enabled and localModels.gpu.enabled are both true")
                .contains("put the GPU settings under worker.gpu");
    }
}
