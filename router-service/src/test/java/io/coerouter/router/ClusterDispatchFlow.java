package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Expert batching across a cluster, end to end with real processes and the real demo models: one gateway and two
 * workers (the packaged jar, {@code coe.role=gateway} and {@code worker}) sharing per-expert queues on a real Redis,
 * single-node ({@link ClusterDispatchIT}) or a three-master Redis Cluster ({@link RedisClusterDispatchIT}). Each
 * worker has room for two demo models. The tests run in order: the residency check needs a fresh cluster, the
 * SIGKILL check leaves one worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterDispatchFlow {

    /** A question of the demo pack with the answer its model gives (greedy decoding). */
    record Golden(String model, String question, String output) {}

    private final List<RouterProcess> processes = new ArrayList<>();
    private RouterProcess gateway;
    private RouterProcess workerA;
    private RouterProcess workerB;
    private List<Golden> golden;

    /** The settings that put the queues on this test's Redis, under this test's key prefix. */
    protected abstract List<String> redisArgs();

    /** Deletes this test's keys and stops what the test started, once every process has stopped. */
    protected abstract void closeRedis();

    @BeforeAll
    void startTheCluster() throws Exception {
        golden = golden();
        List<String> common = new ArrayList<>(redisArgs());
        common.addAll(List.of(
                "--coe.dispatch.heartbeat=200ms",
                "--coe.dispatch.ttl=2s",
                "--coe.dispatch.lease=2s",
                "--coe.dispatch.block=100ms"));
        List<String> worker = new ArrayList<>(common);
        worker.addAll(List.of("--coe.role=worker", "--coe.local.device-memory-budget=3MB"));
        List<String> gatewayArgs = new ArrayList<>(common);
        gatewayArgs.add("--coe.role=gateway");
        workerA = started(RouterProcess.start("worker-a", worker));
        workerB = started(RouterProcess.start("worker-b", worker));
        gateway = started(RouterProcess.start("gateway", gatewayArgs));
        for (RouterProcess p : processes) {
            p.awaitReady(Duration.ofSeconds(180));
        }
        awaitUntil(
                "both workers in /admin/cluster",
                () -> cluster().path("workers").size() == 2);
    }

    private RouterProcess started(RouterProcess p) {
        processes.add(p);
        return p;
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        try {
            for (RouterProcess p : processes) {
                p.close();
            }
        } finally {
            closeRedis();
        }
    }

    @Test
    @Order(1)
    void aModelLoadedOnOneWorkerIsNotLoadedOnTheOtherWhileTheFirstHasRoom() throws Exception {
        List<Golden> arithmetic = of("arithmetic-expert", 12);
        for (Golden g : arithmetic.subList(0, 4)) {
            assertAnswered(gateway.chat(g.model(), g.question(), false), g);
        }
        inParallel(arithmetic.subList(4, 12), g -> assertAnswered(gateway.chat(g.model(), g.question(), false), g));

        Map<String, Boolean> loaded = new LinkedHashMap<>();
        for (RouterProcess w : List.of(workerA, workerB)) {
            loaded.put(w.name(), hasLoaded(w, "arithmetic-expert"));
        }
        assertThat(loaded.values())
                .as("which workers' pools ever loaded arithmetic-expert: %s", loaded)
                .containsExactlyInAnyOrder(true, false);
        JsonNode queue = queue("arithmetic-expert");
        assertThat(queue.path("holders").size()).as("%s", queue).isEqualTo(1);
    }

    @Test
    @Order(2)
    void mixedTrafficForEveryLocalExpertIsAnsweredByTheWorkersAsOneProcessWouldAnswerIt() throws Exception {
        List<Golden> mixed = new ArrayList<>();
        for (String model : List.of(
                "generalist",
                "arithmetic-expert",
                "units-expert",
                "strings-expert",
                "calendar-expert",
                "capitals-expert")) {
            mixed.addAll(of(model, 5));
        }
        java.util.Collections.shuffle(mixed, new java.util.Random(7));
        Set<String> workers = workerIds();
        List<String> servedBy = java.util.Collections.synchronizedList(new ArrayList<>());
        inParallel(mixed, g -> {
            RouterProcess.Reply reply = gateway.chat(g.model(), g.question(), false);
            assertAnswered(reply, g);
            JsonNode call = reply.json().path("coe").path("experts").path(0);
            assertThat(call.path("worker").path("id").asString())
                    .as(reply.body())
                    .isIn(workers);
            assertThat(call.path("worker").path("batch_size").asInt()).isPositive();
            servedBy.add(call.path("worker").path("id").asString());
        });
        assertThat(servedBy).hasSize(mixed.size());

        RouterProcess.Reply routed =
                gateway.chat("coe", of("capitals-expert", 1).getFirst().question(), false);
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        assertThat(routed.json().path("coe").path("route").asString()).isEqualTo("coe");
    }

    @Test
    @Order(3)
    void aStreamComesThroughTheHopPieceByPieceAndWhole() throws Exception {
        Golden g = of("strings-expert", 1).getFirst();
        RouterProcess.Reply reply = gateway.chat(g.model(), g.question(), true);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> events = reply.body()
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode delta =
                    RouterProcess.JSON.readTree(e).path("choices").path(0).path("delta");
            if (delta.has("content")) {
                text.append(delta.path("content").asString());
                pieces++;
            }
        }
        assertThat(text.toString().trim()).isEqualTo(g.output());
        if (g.output().length() > 1) {
            assertThat(pieces).as("tokens arrive one by one, not as one block").isGreaterThan(1);
        }
    }

    @Test
    @Order(4)
    void aWorkerKilledMidBatchLeavesEveryRequestAnsweredExactlyOnceByTheOther() throws Exception {
        List<Golden> work = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            work.addAll(of("calendar-expert", 16));
        }
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<RouterProcess.Reply>> replies = new ArrayList<>();
        for (Golden g : work) {
            replies.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return gateway.chat(g.model(), g.question(), false);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    pool));
        }
        // Kill the worker that holds calendar work in flight, as soon as it does.
        String victim = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (victim == null && Instant.now().isBefore(deadline)) {
            JsonNode q = queue("calendar-expert");
            if (q.path("in_flight").asLong() > 0) {
                String holder = q.path("holders").size() > 0
                        ? q.path("holders").path(0).asString()
                        : q.path("claimant").asString(null);
                victim = holder;
            } else {
                Thread.sleep(5);
            }
        }
        assertThat(victim).as("a worker had calendar work in flight").isNotNull();
        RouterProcess killed = workerId(workerA).equals(victim) ? workerA : workerB;
        RouterProcess survivor = killed == workerA ? workerB : workerA;
        killed.kill();

        String survivorId = workerId(survivor);
        int reclaimed = 0;
        for (int i = 0; i < work.size(); i++) {
            RouterProcess.Reply reply = replies.get(i).get(120, TimeUnit.SECONDS);
            assertAnswered(reply, work.get(i));
            if (survivorId.equals(reply.json()
                    .path("coe")
                    .path("experts")
                    .path(0)
                    .path("worker")
                    .path("id")
                    .asString())) {
                reclaimed++;
            }
        }
        pool.close();
        assertThat(reclaimed).as("requests the survivor answered").isPositive();
        assertThat(survivor.logText()).contains("took over request");
        awaitUntil(
                "the killed worker's record expired",
                () -> cluster().path("workers").size() == 1);
    }

    // --- helpers ---

    private void assertAnswered(RouterProcess.Reply reply, Golden g) {
        assertThat(reply.status()).as("%s: %s", g, reply.body()).isEqualTo(200);
        String content = reply.json()
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asString();
        assertThat(content.trim()).as("%s", g).isEqualTo(g.output());
    }

    private List<Golden> of(String model, int n) {
        List<Golden> mine = golden.stream()
                .filter(g -> g.model().equals(model) && !g.output().isBlank())
                .toList();
        assertThat(mine).as("golden answers of %s", model).isNotEmpty();
        List<Golden> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(mine.get(i % mine.size()));
        }
        return out;
    }

    private static List<Golden> golden() throws IOException {
        try (InputStream in = ClusterDispatchFlow.class.getResourceAsStream("/coe-demo-experts/golden.jsonl")) {
            assertThat(in)
                    .as("the demo pack's golden.jsonl on the test class path")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .map(RouterProcess.JSON::readTree)
                    .map(n -> new Golden(
                            n.path("model").asString(),
                            n.path("question").asString(),
                            n.path("output").asString()))
                    .toList();
        }
    }

    private JsonNode cluster() throws IOException, InterruptedException {
        RouterProcess.Reply r = gateway.get("/admin/cluster");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode queue(String expert) throws IOException, InterruptedException {
        for (JsonNode q : cluster().path("queues")) {
            if (q.path("expert").asString().equals(expert)) {
                return q;
            }
        }
        throw new AssertionError("no queue for " + expert + " in /admin/cluster");
    }

    private Set<String> workerIds() throws IOException, InterruptedException {
        Set<String> ids = new java.util.HashSet<>();
        cluster().path("workers").forEach(w -> ids.add(w.path("id").asString()));
        return ids;
    }

    /** The worker id a process has in the cluster (its replica id, from its own /admin/cluster). */
    private static String workerId(RouterProcess worker) throws IOException, InterruptedException {
        RouterProcess.Reply r = worker.get("/admin/cluster");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("replica").asString();
    }

    /** Whether the worker's pool has ever loaded {@code model} (a pool lists only models it has leased). */
    private static boolean hasLoaded(RouterProcess worker, String model) throws IOException, InterruptedException {
        RouterProcess.Reply r = worker.get("/admin/pool");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode m : r.json().path("models")) {
            if (m.path("id").asString().equals(model)) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    interface Check {
        void run(Golden g) throws Exception;
    }

    private static void inParallel(List<Golden> items, Check check) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = items.stream()
                    .map(g -> CompletableFuture.runAsync(
                            () -> {
                                try {
                                    check.run(g);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                } catch (AssertionError e) {
                                    throw e;
                                }
                            },
                            pool))
                    .collect(Collectors.toList());
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Waits up to two minutes (a loaded two-core CI machine starts three routers at once) until {@code condition}
     * holds; on a timeout the failure carries what the gateway's /admin/cluster said last and every process's
     * state and log tail, so a failure explains itself.
     */
    private void awaitUntil(String what, Condition condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(200);
        }
        StringBuilder why = new StringBuilder("timed out waiting until " + what);
        try {
            why.append("\n/admin/cluster: ")
                    .append(gateway.get("/admin/cluster").body());
        } catch (IOException e) {
            why.append("\n/admin/cluster unreadable: ").append(e);
        }
        for (RouterProcess p : processes) {
            why.append("\n--- ")
                    .append(p.name())
                    .append(p.alive() ? " (alive)" : " (exited)")
                    .append(", last lines of its log:\n")
                    .append(p.tail());
        }
        throw new AssertionError(why.toString());
    }
}
