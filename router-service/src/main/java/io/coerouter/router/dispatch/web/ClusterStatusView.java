package io.coerouter.router.dispatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.dispatch.ClusterView;
import io.coerouter.router.dispatch.GatewayRecord;
import io.coerouter.router.dispatch.ResidentModel;
import io.coerouter.router.dispatch.WorkerResidency;
import java.time.Instant;
import java.util.List;

/** {@code GET /admin/cluster}: the cluster as the answering replica sees it in the shared store. */
public record ClusterStatusView(
        @JsonProperty("object") String object,
        @JsonProperty("role") String role,
        @JsonProperty("replica") String replica,
        @JsonProperty("gateways") List<Gateway> gateways,
        @JsonProperty("workers") List<Worker> workers,
        @JsonProperty("queues") List<Queue> queues) {

    static ClusterStatusView of(ClusterView view) {
        return new ClusterStatusView(
                "cluster",
                view.role().id(),
                view.self(),
                view.gateways().stream().map(Gateway::of).toList(),
                view.workers().stream().map(Worker::of).toList(),
                view.queues().stream().map(Queue::of).toList());
    }

    /** A live gateway. */
    public record Gateway(
            @JsonProperty("id") String id,
            @JsonProperty("heartbeat_at") Instant heartbeatAt,
            @JsonProperty("in_flight") int inFlight) {

        static Gateway of(GatewayRecord g) {
            return new Gateway(g.gatewayId(), Instant.ofEpochMilli(g.heartbeatMillis()), g.inFlight());
        }
    }

    /** A live worker and the models it holds, least recently used first. */
    public record Worker(
            @JsonProperty("id") String id,
            @JsonProperty("heartbeat_at") Instant heartbeatAt,
            @JsonProperty("device") List<Model> device,
            @JsonProperty("host") List<Model> host,
            @JsonProperty("device_budget_bytes") long deviceBudgetBytes,
            @JsonProperty("device_free_bytes") long deviceFreeBytes,
            @JsonProperty("queued") int queued,
            @JsonProperty("in_flight") int inFlight) {

        static Worker of(WorkerResidency w) {
            return new Worker(
                    w.workerId(),
                    Instant.ofEpochMilli(w.heartbeatMillis()),
                    w.device().stream().map(Model::of).toList(),
                    w.host().stream().map(Model::of).toList(),
                    w.deviceBudgetBytes(),
                    w.deviceFreeBytes(),
                    w.queued(),
                    w.inFlight());
        }
    }

    /** A model a worker holds in a tier. */
    public record Model(
            @JsonProperty("id") String id,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("last_used_at") Instant lastUsedAt) {

        static Model of(ResidentModel m) {
            return new Model(
                    m.expert(), m.bytes(), m.lastUsedMillis() > 0 ? Instant.ofEpochMilli(m.lastUsedMillis()) : null);
        }
    }

    /** A local expert's queue in the cluster. */
    public record Queue(
            @JsonProperty("expert") String expert,
            @JsonProperty("waiting") long waiting,
            @JsonProperty("in_flight") long inFlight,
            @JsonProperty("oldest_wait_ms") long oldestWaitMs,
            @JsonProperty("holders") List<String> holders,
            @JsonProperty("claimant") String claimant) {

        static Queue of(ClusterView.Queue q) {
            return new Queue(q.expert(), q.waiting(), q.inFlight(), q.oldestWaitingMillis(), q.holders(), q.claimant());
        }
    }
}
