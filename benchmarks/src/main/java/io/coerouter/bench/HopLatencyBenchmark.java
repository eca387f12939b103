package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The latency the cluster hop adds: one short completion by one warm local expert, answered by a {@code
 * coe.role=all} process (in-process scheduler) or by a {@code coe.role=gateway} that enqueues it on the expert's Redis
 * stream for a {@code coe.role=worker}, which runs it through its own scheduler and sends the answer back on the
 * gateway's reply stream. Both setups run at once on the same Redis (each under its own key prefix); requests are
 * sequential and alternate between them (one to each, repeated), so drift on the machine hits both alike. Added
 * latency = gateway percentile - role=all percentile.
 *
 * <p>Options ({@code --name=value}): {@code requests} measured per setup (500), {@code warmup} per setup (2000),
 * {@code expert} (arithmetic-expert), {@code question} ("What is 2 plus 3?"), {@code max-tokens} (8), {@code workers}
 * (1), {@code redis} (REDIS_URL, else redis://127.0.0.1:6379), {@code java}, {@code jar}, {@code jvm-args}, {@code
 * startup-timeout} s (300).
 */
public final class HopLatencyBenchmark {

    private HopLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Instant began = Instant.now();
        printMethod(o);
        List<String> common = List.of("--coe.skills.warm-up=false");
        RouterCluster.Launch launch = o.processes.launch(common);
        byte[] body = RouterHttp.chatBody(o.expert, o.question, o.maxTokens).getBytes(StandardCharsets.UTF_8);
        try (RouterCluster all = RouterCluster.replicas(launch, 1, List.of());
                RouterCluster hop = RouterCluster.dispatch(launch, o.workers, List.of(), List.of())) {
            long t0 = System.nanoTime();
            all.awaitReady(o.processes.startup());
            hop.awaitReady(o.processes.startup());
            System.out.printf(
                    Locale.ROOT,
                    "Ready after %.0f s (logs under %s and %s)%n",
                    (System.nanoTime() - t0) / 1e9,
                    all.logs(),
                    hop.logs());
            int allPort = all.api().getFirst().port();
            int hopPort = hop.gateway().port();
            try (HttpConnection toAll = new HttpConnection(allPort, 30_000);
                    HttpConnection toHop = new HttpConnection(hopPort, 30_000)) {
                byte[] allRequest = HttpConnection.post(allPort, "/v1/chat/completions", body);
                byte[] hopRequest = HttpConnection.post(hopPort, "/v1/chat/completions", body);
                System.out.println("Answer (role=all): " + exchange(toAll, allRequest).text);
                System.out.println("Answer (gateway):  " + exchange(toHop, hopRequest).text);
                for (int i = 0; i < o.warmup; i++) {
                    exchange(toAll, allRequest);
                    exchange(toHop, hopRequest);
                }
                double[] allMs = new double[o.requests];
                double[] hopMs = new double[o.requests];
                double[] waitMs = new double[o.requests];
                double[] generationMs = new double[o.requests];
                double[] allExpertMs = new double[o.requests];
                double[] hopExpertMs = new double[o.requests];
                for (int i = 0; i < o.requests; i++) {
                    Exchange a = exchange(toAll, allRequest);
                    Exchange h = exchange(toHop, hopRequest);
                    allMs[i] = a.millis;
                    hopMs[i] = h.millis;
                    JsonNode allCall = a.json.path("coe").path("experts").path(0);
                    JsonNode hopCall = h.json.path("coe").path("experts").path(0);
                    allExpertMs[i] = allCall.path("latency_ms").asDouble();
                    hopExpertMs[i] = hopCall.path("latency_ms").asDouble();
                    waitMs[i] = hopCall.path("worker").path("wait_ms").asDouble();
                    generationMs[i] =
                            hopCall.path("worker").path("generation_ms").asDouble();
                }
                printResults(o, allMs, hopMs, allExpertMs, hopExpertMs, waitMs, generationMs);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nWall time: %.0f s; load average at the end %s%n",
                Duration.between(began, Instant.now()).toMillis() / 1e3,
                Machine.loadAverage());
        System.exit(0);
    }

    private record Exchange(double millis, JsonNode json, String text) {}

    private static Exchange exchange(HttpConnection c, byte[] request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long t = System.nanoTime();
        int status = c.exchange(request, out);
        double ms = (System.nanoTime() - t) / 1e6;
        String text = out.toString(StandardCharsets.UTF_8);
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status + ": " + text);
        }
        JsonNode json = RouterHttp.JSON.readTree(text);
        return new Exchange(
                ms,
                json,
                json.path("choices").path(0).path("message").path("content").asString());
    }

    private static void printResults(
            Options o,
            double[] allMs,
            double[] hopMs,
            double[] allExpertMs,
            double[] hopExpertMs,
            double[] waitMs,
            double[] generationMs) {
        System.out.println();
        System.out.println("## Results (ms, client-measured, " + o.requests + " sequential requests per setup)");
        System.out.println();
        System.out.println("| setup | p50 | p90 | p99 | max | mean |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        row("role=all (in-process)", allMs);
        row("gateway → worker → gateway", hopMs);
        row("trace: expert call, role=all", allExpertMs);
        row("trace: expert call, gateway", hopExpertMs);
        row("trace: worker.wait_ms (queue until the worker starts it)", waitMs);
        row("trace: worker.generation_ms (worker's scheduler and generation)", generationMs);
        System.out.println();
        double p50 = percentile(hopMs, 0.5) - percentile(allMs, 0.5);
        double p99 = percentile(hopMs, 0.99) - percentile(allMs, 0.99);
        System.out.printf(
                Locale.ROOT,
                "Added by the hop: p50 %+.2f ms, p99 %+.2f ms, mean %+.2f ms (target: p50 <= 2 ms: %s)%n",
                p50,
                p99,
                mean(hopMs) - mean(allMs),
                p50 <= 2.0 ? "met" : "missed");
    }

    private static void row(String name, double[] values) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                name,
                percentile(values, 0.5),
                percentile(values, 0.9),
                percentile(values, 0.99),
                percentile(values, 1.0),
                mean(values));
    }

    private static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ClusterSwapStudy.percentile(sorted, q);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static void printMethod(Options o) {
        System.out.println("# Added latency of the cluster hop");
        System.out.println("Started: " + Instant.now());
        System.out.println(o.processes.describe());
        System.out.printf(
                Locale.ROOT,
                "Setups, running at once: (1) 1 x coe.role=all; (2) 1 x coe.role=gateway + %d x coe.role=worker"
                        + " (dispatch settings at their defaults); all with default scheduler settings (batch window"
                        + " 10ms applies in both)%n"
                        + "Request: POST /v1/chat/completions {model: %s, \"%s\", temperature 0, max_tokens %d},"
                        + " non-streaming, one persistent HTTP/1.1 connection per setup (raw socket client)%n"
                        + "Method: %d warm-up requests per setup (discarded), then %d measured per setup, sequential,"
                        + " alternating role=all / gateway; latency = send to last byte of the response%n%n",
                o.workers,
                o.expert,
                o.question,
                o.maxTokens,
                o.warmup,
                o.requests);
    }

    /** The command-line options. */
    static final class Options {
        int requests = 500;
        int warmup = 2000;
        String expert = "arithmetic-expert";
        String question = "What is 2 plus 3?";
        int maxTokens = 8;
        int workers = 1;
        final RouterCluster.ProcessOptions processes = new RouterCluster.ProcessOptions();

        static Options parse(String[] args) {
            Options o = new Options();
            o.processes.parse(args, (name, value) -> {
                switch (name) {
                    case "requests" -> o.requests = Integer.parseInt(value);
                    case "warmup" -> o.warmup = Integer.parseInt(value);
                    case "expert" -> o.expert = value;
                    case "question" -> o.question = value;
                    case "max-tokens" -> o.maxTokens = Integer.parseInt(value);
                    case "workers" -> o.workers = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            });
            if (o.requests < 1 || o.warmup < 0 || o.workers < 1 || o.workers > 8) {
                throw new IllegalArgumentException("--requests >= 1, --warmup >= 0, --workers 1..8");
            }
            o.processes.check();
            return o;
        }
    }
}
