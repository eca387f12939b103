package io.coerouter.bench;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import io.coerouter.expert.TokenListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Measures local (DJL) experts on this machine: model load time per tier (a cold first load from disk, warm reloads
 * from disk with the host tier off, reloads from the host tier), per-token latency at batch 1, and generated tokens
 * per second at batch sizes 1, 4, 16 and 32 over the demo pack's evaluation questions (static: each batch is sent
 * when the last one is answered), and in a continuous mode: N callers (1, 4, 16, 32) each send their next question as
 * soon as their answer comes, so requests join and leave the model's running batch; with tokens/s, latency percentiles
 * and where the generation loop's time goes ({@code GenerationProfile}).
 *
 * <p>Options ({@code --name=value}): {@code models} (comma-separated demo model names; default all six), {@code
 * reloads} per tier (5), {@code batches} (1,4,16,32), {@code questions} per batch size (64), {@code in-flight} callers of the continuous mode (1,4,16,32), {@code large} a folder of
 * a bigger model for load times only (e.g. one written by {@code train.py --emit-large}).
 */
public final class LocalModelBenchmark {

    private LocalModelBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> models = DemoPack.MODELS;
        int reloads = 5;
        List<Integer> batches = List.of(1, 4, 16, 32);
        List<Integer> inFlight = List.of(1, 4, 16, 32);
        int questions = 128;
        int repeats = 3;
        String large = null;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "models" -> models = List.of(kv[1].split(","));
                case "reloads" -> reloads = Integer.parseInt(kv[1]);
                case "batches" ->
                    batches = java.util.Arrays.stream(kv[1].split(","))
                            .map(Integer::valueOf)
                            .toList();
                case "in-flight" ->
                    inFlight = java.util.Arrays.stream(kv[1].split(","))
                            .map(Integer::valueOf)
                            .toList();
                case "questions" -> questions = Integer.parseInt(kv[1]);
                case "repeats" -> repeats = Integer.parseInt(kv[1]);
                case "large" -> large = kv[1];
                default -> throw new IllegalArgumentException("unknown option --" + kv[0]);
            }
        }
        Path cache = Files.createTempDirectory("coe-localbench-");
        List<DemoPack.Question> evalQuestions = evalQuestions();
        System.out.printf(
                Locale.ROOT,
                "# Local model benchmark%nmachine: %d cores, Java %s, %s%nmethod: DJL %s on the CPU; load times from the"
                        + " pool's own timing (read + TorchScript load);%n  throughput = generated tokens / wall time"
                        + " for %d evaluation questions of the model's own skill (all skills for the generalist),%n"
                        + "  answered in batches of each size (greedy, max 24 tokens), median of %d runs;%n"
                        + "  per-token latency = wall time / generated tokens at batch 1 (prefill included).%n%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                System.getProperty("os.name"),
                "0.35.1 / PyTorch 2.7.1",
                questions,
                repeats);

        System.out.println("## Load time per tier (ms, median of " + reloads + ")");
        System.out.println();
        System.out.println(
                "| model | file size | cold first load (disk) | warm reload from disk | reload from host tier |");
        System.out.println("|---|---|---|---|---|");
        List<String> loadTargets = new ArrayList<>(
                models.stream().map(m -> "classpath:coe-demo-experts/" + m).toList());
        if (large != null) {
            loadTargets.add(large);
        }
        for (String path : loadTargets) {
            loadTimes(path, cache, reloads);
        }

        System.out.println();
        System.out.println("## Generation throughput (" + questions + " questions per row, greedy, median of " + repeats
                + " runs)");
        System.out.println();
        System.out.println(
                "| model | batch | generated tokens | wall ms | tokens/s | ms/token | speed-up vs batch 1 |");
        System.out.println("|---|---|---|---|---|---|---|");
        int maxRows = Math.max(
                batches.stream().mapToInt(Integer::intValue).max().orElse(1),
                inFlight.stream().mapToInt(Integer::intValue).max().orElse(1));
        List<String> continuous = new ArrayList<>();
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1L << 30, 0))) {
            LocalModels local = new LocalModels(pool, cache, "cpu", maxRows);
            for (String model : models) {
                Expert expert = expert(model, "classpath:coe-demo-experts/" + model, local);
                String skill = DemoPack.SKILL.get(model);
                List<ExpertRequest> requests = evalQuestions.stream()
                        .filter(q -> skill == null || q.skill().equals(skill))
                        .limit(questions)
                        .map(q -> ExpertRequest.builder()
                                .addMessage(ChatMessage.user(q.text()))
                                .temperature(0.0)
                                .maxTokens(24)
                                .build())
                        .toList();
                runBatches(expert, requests.subList(0, Math.min(8, requests.size())), List.of(1, 8)); // warm-up
                double base = 0;
                for (int batch : batches) {
                    double tps = medianRun(expert, requests, batch, repeats);
                    if (batch == batches.getFirst()) {
                        base = tps;
                    }
                    lastRow(model, batch, base);
                }
                double continuousBase = 0;
                for (int n : inFlight) {
                    String[] row = new String[1];
                    double tps = medianContinuous(expert, requests, n, repeats, row);
                    if (n == inFlight.getFirst()) {
                        continuousBase = tps;
                    }
                    continuous.add(String.format(Locale.ROOT, row[0], tps / continuousBase));
                }
            }
        }
        System.out.println();
        System.out.println("## Continuous batching (" + questions + " questions, each of N callers sends its next"
                + " question as soon as its answer arrives; greedy, max 24 tokens, median of " + repeats + " runs)");
        System.out.println();
        System.out.println(
                "requests join the model's running batch between decoding steps and leave it when done"
                        + " (running batch limit " + maxRows
                        + "). decode ms/step = one decoding forward pass (input arrays,"
                        + " forward, logits out) at the mean running batch shown; shares are of the generation loop's busy"
                        + " time: prefill passes, decoding passes, sampling + detokenising + stop checks, KV merge/drop/compaction.");
        System.out.println();
        System.out.println("| model | in flight | tokens | wall ms | tokens/s | speed-up vs 1 | p50 ms | p99 ms |"
                + " mean batch | decode ms/step | prefill % | decode % | sample % | KV % |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        continuous.forEach(System.out::println);
    }

    /** Runs the continuous mode {@code repeats} times; keeps the median run's table row (speed-up left as %.1fx). */
    private static double medianContinuous(
            Expert expert, List<ExpertRequest> requests, int inFlight, int repeats, String[] row) throws Exception {
        List<Object[]> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            runs.add(continuousRun(expert, requests, inFlight));
        }
        runs.sort(java.util.Comparator.comparingDouble(run -> (double) run[0]));
        Object[] median = runs.get(runs.size() / 2);
        row[0] = ((String) median[1]).replace("%", "%%").replace("SPEEDUP", "%.1fx");
        return (double) median[0];
    }

    /** {@code inFlight} callers answer every request between them, each sending its next as its last returns. */
    private static Object[] continuousRun(Expert expert, List<ExpertRequest> requests, int inFlight) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        io.coerouter.expert.djl.GenerationProfile.reset();
        long start = System.nanoTime();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < inFlight; c++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i; (i = next.getAndIncrement()) < requests.size(); ) {
                    long sent = System.nanoTime();
                    tokens.addAndGet(expert.chat(requests.get(i)).usage().outputTokens());
                    latencies.add((System.nanoTime() - sent) / 1e6);
                }
            }));
        }
        for (Thread t : callers) {
            t.join();
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        io.coerouter.expert.djl.GenerationProfile.Snapshot p = io.coerouter.expert.djl.GenerationProfile.snapshot();
        double busy = Math.max(1, p.prefillNanos() + p.decodeNanos() + p.sampleNanos() + p.kvNanos());
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double tps = tokens.get() / (wallMs / 1000.0);
        String row = String.format(
                Locale.ROOT,
                "| %s | %d | %d | %.0f | %.0f | SPEEDUP | %.0f | %.0f | %.1f | %.2f | %.0f | %.0f | %.0f | %.0f |",
                expert.id(),
                inFlight,
                tokens.get(),
                wallMs,
                tps,
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                p.decodeRows() / (double) Math.max(1, p.decodeSteps()),
                p.decodeNanos() / 1e6 / Math.max(1, p.decodeSteps()),
                100 * p.prefillNanos() / busy,
                100 * p.decodeNanos() / busy,
                100 * p.sampleNanos() / busy,
                100 * p.kvNanos() / busy);
        return new Object[] {tps, row};
    }

    private static long lastTokens;
    private static double lastWallMs;

    private static void lastRow(String model, int batch, double base) {
        double tps = lastTokens / (lastWallMs / 1000.0);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %.0f | %.0f | %.2f | %.1fx |%n",
                model,
                batch,
                lastTokens,
                lastWallMs,
                tps,
                lastWallMs / Math.max(1, lastTokens),
                tps / base);
    }

    /** Runs one batch size {@code repeats} times and keeps the figures of the median run. */
    private static double medianRun(Expert expert, List<ExpertRequest> requests, int batch, int repeats) {
        List<double[]> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            double tps = runBatches(expert, requests, List.of(batch))[0];
            runs.add(new double[] {tps, lastTokens, lastWallMs});
        }
        runs.sort(java.util.Comparator.comparingDouble(run -> run[0]));
        double[] median = runs.get(runs.size() / 2);
        lastTokens = (long) median[1];
        lastWallMs = median[2];
        return median[0];
    }

    /** Answers every request in batches of the given size; returns tokens/s per size and leaves the last figures. */
    private static double[] runBatches(Expert expert, List<ExpertRequest> requests, List<Integer> sizes) {
        double[] result = new double[sizes.size()];
        for (int s = 0; s < sizes.size(); s++) {
            int size = sizes.get(s);
            long tokens = 0;
            long start = System.nanoTime();
            for (int i = 0; i < requests.size(); i += size) {
                List<ExpertRequest> chunk = requests.subList(i, Math.min(requests.size(), i + size));
                List<ExpertOutcome> outcomes =
                        expert.chatBatch(chunk, Collections.nCopies(chunk.size(), TokenListener.NONE));
                for (ExpertOutcome o : outcomes) {
                    tokens += o.orThrow().usage().outputTokens();
                }
            }
            lastWallMs = (System.nanoTime() - start) / 1e6;
            lastTokens = tokens;
            result[s] = tokens / (lastWallMs / 1000.0);
        }
        return result;
    }

    private static void loadTimes(String path, Path cache, int reloads) throws Exception {
        List<Double> cold = new ArrayList<>();
        List<Double> disk = new ArrayList<>();
        List<Double> host = new ArrayList<>();
        String id = path.substring(path.lastIndexOf('/') + 1);
        long bytes = 0;
        for (boolean hostTier : new boolean[] {false, true}) {
            List<Double> target = hostTier ? host : disk;
            CopyOnWriteArrayList<double[]> loads = new CopyOnWriteArrayList<>();
            PoolListener listener = new PoolListener() {
                @Override
                public void onLoad(String model, Tier from, Duration took, long size) {
                    loads.add(new double[] {from.ordinal(), took.toNanos() / 1e6, size});
                }
            };
            PoolConfig config = PoolConfig.of(1L << 30, hostTier ? 1L << 30 : 0).withListeners(List.of(listener));
            try (ModelPool pool = ModelPool.create(config)) {
                Expert expert = expert(id, path, new LocalModels(pool, cache, "cpu"));
                for (int i = 0; i <= reloads; i++) {
                    expert.chat(ExpertRequest.builder()
                            .addMessage(ChatMessage.user("hi"))
                            .maxTokens(1)
                            .build());
                    pool.evict(id);
                }
            }
            for (int i = 0; i < loads.size(); i++) {
                double[] load = loads.get(i);
                bytes = (long) load[2];
                if (i == 0) {
                    if (!hostTier) {
                        cold.add(load[1]);
                    }
                } else {
                    target.add(load[1]);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %.1f MB | %.1f | %.1f | %.1f |%n",
                id,
                bytes / 1e6,
                cold.getFirst(),
                median(disk),
                median(host));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Expert expert(String id, String path, LocalModels local) {
        return Expert.of(
                ExpertConfig.builder(id, "djl").modelPath(path).build(),
                ExpertContext.defaults().withLocalModels(local));
    }

    private static List<DemoPack.Question> evalQuestions() throws Exception {
        List<DemoPack.Question> questions = new ArrayList<>(DemoPack.questions());
        // Interleave skills so the generalist's batches mix questions, as real traffic would.
        Collections.shuffle(questions, new java.util.Random(42));
        return questions;
    }
}
