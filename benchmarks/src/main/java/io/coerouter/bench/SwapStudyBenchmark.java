package io.coerouter.bench;

import io.coerouter.bench.SwapWorkload.Arrival;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import io.coerouter.router.scheduling.ExpertScheduler;
import io.coerouter.router.scheduling.GroupedCalls;
import io.coerouter.router.scheduling.ResidentModels;
import io.coerouter.router.scheduling.SchedulerConfig;
import io.coerouter.router.scheduling.SchedulerListener;
import io.coerouter.router.scheduling.SchedulingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The swap study: the same workloads replayed under three scheduling policies in one run, on real local models in a
 * model pool with room for M of the E experts: FCFS (as Ollama serves its queue), group-by-model (as llama-swap
 * groups queued requests) and ours (swap-aware with a max wait, plus look-ahead eviction). Workloads: an online
 * stream (Poisson arrivals, each request for a uniformly random expert) and an offline batch (every request queued at
 * once; for ours also through the Batch API's grouped plan). Reports model loads, total time, throughput, and p50 /
 * p99 queue wait per policy, and the lower bound on loads (each needed model loaded once).
 *
 * <p>Options ({@code --name=value}): {@code large} a model folder (e.g. from {@code train.py --emit-large}) used for
 * all E experts instead of the demo pack; {@code experts} E (6); {@code resident} M (2); {@code requests} online
 * requests (300); {@code rate} online arrivals per second (30); {@code offline} offline requests (480); {@code
 * max-wait} (2s); {@code batch} max batch size (16); {@code window} batching window (10ms); {@code load-delay} (1s); {@code seed} (7).
 */
public final class SwapStudyBenchmark {

    private record Result(
            String policy,
            int requests,
            int distinct,
            long loads,
            long evictions,
            double loadSeconds,
            double totalSeconds,
            double p50WaitMs,
            double p99WaitMs,
            double maxWaitMs,
            int failed) {}

    private SwapStudyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("large", "");
        opt.put("experts", "6");
        opt.put("resident", "2");
        opt.put("requests", "300");
        opt.put("rate", "30");
        opt.put("offline", "480");
        opt.put("max-wait", "2s");
        opt.put("batch", "16");
        opt.put("window", "10ms");
        opt.put("load-delay", "1s");
        opt.put("seed", "7");
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (!opt.containsKey(kv[0]) || kv.length < 2) {
                throw new IllegalArgumentException("unknown option --" + kv[0] + "; options: " + opt.keySet());
            }
            opt.put(kv[0], kv[1]);
        }
        boolean large = !opt.get("large").isEmpty();
        int e = Integer.parseInt(opt.get("experts"));
        int m = Integer.parseInt(opt.get("resident"));
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < e; i++) {
            ids.add(
                    large
                            ? "large-" + i
                            : DemoPack.MODELS.get(i % DemoPack.MODELS.size())
                                    + (i < DemoPack.MODELS.size() ? "" : "-" + i));
            paths.add(
                    large
                            ? opt.get("large")
                            : "classpath:coe-demo-experts/" + DemoPack.MODELS.get(i % DemoPack.MODELS.size()));
        }
        Duration maxWait = duration(opt.get("max-wait"));
        Duration window = duration(opt.get("window"));
        Duration loadDelay = duration(opt.get("load-delay"));
        int batch = Integer.parseInt(opt.get("batch"));
        Path cache = Files.createTempDirectory("coe-swapstudy-");

        // Each expert's size, from a pool big enough for all, also warming TorchScript (its first load costs more).
        long largest = 0;
        try (ModelPool warm = ModelPool.create(PoolConfig.of(1L << 40, 0))) {
            LocalModels local = new LocalModels(warm, cache, "cpu");
            for (int i = 0; i < e; i++) {
                expert(ids.get(i), paths.get(i), local).chat(request("What is 2 plus 3?"));
            }
            for (var model : warm.snapshot().models()) {
                largest = Math.max(largest, model.bytes());
            }
        }
        long budget = largest * m + largest / 2;

        SwapWorkload workload = SwapWorkload.generate(
                Long.parseLong(opt.get("seed")),
                SwapWorkload.questions(ids, large),
                Integer.parseInt(opt.get("requests")),
                Double.parseDouble(opt.get("rate")),
                Integer.parseInt(opt.get("offline")));
        List<Arrival> online = workload.online();
        List<Arrival> offline = workload.offline();
        double rate = Double.parseDouble(opt.get("rate"));

        System.out.printf(
                Locale.ROOT,
                "# Swap study%nmachine: %d cores, Java %s; DJL on the CPU%nexperts: E=%d %s (largest %.1f MB), device"
                        + " budget %.1f MB = room for M=%d; host tier off (reloads read the file again)%n"
                        + "scheduler: max wait %s, max batch %d, batching window %s, load delay %s (swap-aware only); greedy"
                        + " answers, max 24 tokens%n"
                        + "online: %d requests, Poisson arrivals at %.1f/s, each for a uniformly random expert%n"
                        + "offline: %d requests, all queued at once in random expert order%n"
                        + "wait = time in the expert's queue until its batch starts (the scheduler's own measure);"
                        + " loads counted by the pool%n%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                e,
                large ? "copies of " + opt.get("large") : "demo experts",
                largest / 1e6,
                budget / 1e6,
                m,
                maxWait,
                batch,
                window,
                loadDelay,
                online.size(),
                rate,
                offline.size());

        List<SchedulingPolicy> policies =
                List.of(SchedulingPolicy.fcfs(), SchedulingPolicy.groupByModel(), SchedulingPolicy.swapAware());
        List<Result> onlineResults = new ArrayList<>();
        for (SchedulingPolicy policy : policies) {
            onlineResults.add(
                    replay(policy, false, online, ids, paths, cache, budget, maxWait, batch, window, loadDelay));
        }
        print("Online stream", onlineResults);
        List<Result> offlineResults = new ArrayList<>();
        for (SchedulingPolicy policy : policies) {
            offlineResults.add(
                    replay(policy, false, offline, ids, paths, cache, budget, maxWait, batch, window, loadDelay));
        }
        offlineResults.add(replay(
                SchedulingPolicy.swapAware(),
                true,
                offline,
                ids,
                paths,
                cache,
                budget,
                maxWait,
                batch,
                window,
                loadDelay));
        print("Offline batch", offlineResults);
        Result fcfs = onlineResults.getFirst();
        Result ours = onlineResults.getLast();
        System.out.printf(
                Locale.ROOT,
                "online: ours loads %.1fx fewer models than FCFS; p99 wait %.0f ms vs max wait %d ms%n",
                fcfs.loads() / (double) Math.max(1, ours.loads()),
                ours.p99WaitMs(),
                maxWait.toMillis());
        System.out.printf(
                Locale.ROOT,
                "offline: the grouped plan loaded %d models for %d needed%n",
                offlineResults.getLast().loads(),
                offlineResults.getLast().distinct());
    }

    private static Result replay(
            SchedulingPolicy policy,
            boolean grouped,
            List<Arrival> arrivals,
            List<String> ids,
            List<String> paths,
            Path cache,
            long budget,
            Duration maxWait,
            int batch,
            Duration window,
            Duration loadDelay)
            throws Exception {
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        AtomicLong loads = new AtomicLong();
        AtomicLong evictions = new AtomicLong();
        AtomicLong loadNanos = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        ResidentModels resident = new ResidentModels();
        PoolListener counter = new PoolListener() {
            @Override
            public void onLoad(String id, Tier from, Duration took, long bytes) {
                loads.incrementAndGet();
                loadNanos.addAndGet(took.toNanos());
            }

            @Override
            public void onEvict(String id, long bytes) {
                evictions.incrementAndGet();
            }
        };
        SchedulerConfig config = new SchedulerConfig(maxWait, batch, window, 1_000_000, policy, loadDelay);
        try (ExpertScheduler scheduler = new ExpertScheduler(config, resident, new SchedulerListener() {
                    @Override
                    public void onWait(String expertId, long nanos) {
                        waits.add(nanos);
                    }
                });
                ModelPool pool = ModelPool.create(PoolConfig.of(budget, 0)
                        .withListeners(List.of(counter, resident))
                        // Look-ahead eviction is part of ours; the others evict least recently used, as their
                        // servers do.
                        .withDemand(
                                policy == SchedulingPolicy.swapAware() ? scheduler::queued : PoolConfig.NO_DEMAND))) {
            LocalModels local = new LocalModels(pool, cache, "cpu");
            List<Expert> experts = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                experts.add(scheduler.schedule(expert(ids.get(i), paths.get(i), local)));
            }
            long start = System.nanoTime();
            if (grouped) {
                List<GroupedCalls.Call> calls = arrivals.stream()
                        .map(a -> new GroupedCalls.Call(experts.get(a.expert()), request(a.question())))
                        .toList();
                new GroupedCalls(batch, resident).run(calls, () -> false, (i, outcome) -> {
                    if (!outcome.succeeded()) {
                        failed.incrementAndGet();
                    }
                });
            } else {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> futures = new ArrayList<>();
                    for (Arrival a : arrivals) {
                        long sleep = start + a.atNanos() - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(Duration.ofNanos(sleep));
                        }
                        futures.add(threads.submit(() -> {
                            try {
                                experts.get(a.expert()).chat(request(a.question()));
                            } catch (RuntimeException ex) {
                                failed.incrementAndGet();
                            }
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                }
            }
            double total = (System.nanoTime() - start) / 1e9;
            long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
            int distinct =
                    (int) arrivals.stream().mapToInt(Arrival::expert).distinct().count();
            return new Result(
                    policy.name() + (grouped ? " + grouped plan (Batch API)" : ""),
                    arrivals.size(),
                    distinct,
                    loads.get(),
                    evictions.get(),
                    loadNanos.get() / 1e9,
                    total,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    failed.get());
        }
    }

    private static void print(String title, List<Result> results) {
        System.out.println("## " + title);
        System.out.println();
        System.out.println("| policy | requests | loads (lower bound) | evictions | time loading s | total s | req/s |"
                + " p50 wait ms | p99 wait ms | max wait ms | failed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d (%d) | %d | %.2f | %.1f | %.1f | %.0f | %.0f | %.0f | %d |%n",
                    r.policy(),
                    r.requests(),
                    r.loads(),
                    r.distinct(),
                    r.evictions(),
                    r.loadSeconds(),
                    r.totalSeconds(),
                    r.requests() / r.totalSeconds(),
                    r.p50WaitMs(),
                    r.p99WaitMs(),
                    r.maxWaitMs(),
                    r.failed());
        }
        System.out.println();
    }

    /** {@code 10ms} or {@code 2s}. */
    static Duration duration(String text) {
        return text.endsWith("ms")
                ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : Duration.ofMillis(Math.round(Double.parseDouble(text.replaceFirst("s$", "")) * 1000));
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static Expert expert(String id, String path, LocalModels local) {
        return Expert.of(
                ExpertConfig.builder(id, "djl").modelPath(path).build(),
                ExpertContext.defaults().withLocalModels(local));
    }

    private static ExpertRequest request(String question) {
        return ExpertRequest.builder()
                .addMessage(ChatMessage.user(question))
                .temperature(0.0)
                .maxTokens(24)
                .build();
    }
}
