package io.coerouter.bench;

import io.coerouter.router.CoeRouterApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long an admin change made through one router takes to be served by another: two routers (in this JVM) share
 * one Redis; each round changes an expert through router A's admin API ({@code PATCH max_concurrency}, then
 * {@code disable}/{@code enable}) and polls router B's {@code GET /admin/experts/{id}} without pause until it shows the
 * change. The time runs from A's answer (the change is stored and announced) to B's first answer showing it, so it
 * includes B's HTTP round trip (reported separately as the poll's own latency). Issue 8 asks for within one second.
 *
 * <p>Options ({@code --name=value}): {@code redis} URL ({@code REDIS_URL}, else redis://127.0.0.1:6379); {@code
 * rounds} (200); {@code warmup} rounds (50). Keys go under a fresh prefix that is deleted afterwards.
 */
public final class RegistryPropagationBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String redis = option(args, "redis", System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
        int rounds = Integer.parseInt(option(args, "rounds", "200"));
        int warmup = Integer.parseInt(option(args, "warmup", "50"));
        String prefix = "coe-bench:" + UUID.randomUUID() + ":";
        System.out.printf(
                "Registry propagation: 2 routers in one JVM, Redis %s, prefix %s, %d warm-up + %d measured rounds%n",
                redis, prefix, warmup, rounds);
        try (ConfigurableApplicationContext a = start(redis, prefix);
                ConfigurableApplicationContext b = start(redis, prefix)) {
            String first = "http://127.0.0.1:" + port(a);
            String second = "http://127.0.0.1:" + port(b);
            send(first, "POST", "/admin/experts", "{\"id\":\"moving\",\"adapter\":\"echo\"}");
            List<Double> propagation = new ArrayList<>();
            List<Double> poll = new ArrayList<>();
            for (int i = 0; i < warmup + rounds; i++) {
                String expect;
                if (i % 2 == 0) {
                    int concurrency = 2 + i % 50;
                    send(first, "PATCH", "/admin/experts/moving", "{\"max_concurrency\":" + concurrency + "}");
                    expect = "\"max_concurrency\":" + concurrency + ",";
                } else {
                    boolean disable = i % 4 == 1;
                    send(first, "POST", "/admin/experts/moving/" + (disable ? "disable" : "enable"), "");
                    expect = "\"state\":\"" + (disable ? "disabled" : "enabled") + "\"";
                }
                long stored = System.nanoTime();
                long sent;
                String body;
                do {
                    sent = System.nanoTime();
                    body = send(second, "GET", "/admin/experts/moving", null);
                } while (!body.contains(expect) && System.nanoTime() - stored < 10_000_000_000L);
                long seen = System.nanoTime();
                if (!body.contains(expect)) {
                    throw new IllegalStateException("router B never showed " + expect);
                }
                if (i >= warmup) {
                    propagation.add((seen - stored) / 1e6);
                    poll.add((seen - sent) / 1e6);
                }
            }
            send(first, "DELETE", "/admin/experts/moving", null);
            report("change on A to B showing it", propagation);
            report("B's poll round trip (included above)", poll);
        } finally {
            cleanup(redis, prefix);
        }
    }

    private static void report(String what, List<Double> ms) {
        Collections.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "%-40s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                what,
                ms.size(),
                at(ms, 0.50),
                at(ms, 0.90),
                at(ms, 0.99),
                ms.getLast());
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static ConfigurableApplicationContext start(String redis, String prefix) {
        return new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--logging.level.root=WARN",
                        "--coe.redis.url=" + redis,
                        "--coe.redis.key-prefix=" + prefix,
                        "--coe.skills.warm-up=false",
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String send(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void cleanup(String redis, String prefix) {
        var client = io.lettuce.core.RedisClient.create(redis);
        try (var connection = client.connect()) {
            var commands = connection.sync();
            List<String> keys = commands.keys(prefix + "*");
            if (!keys.isEmpty()) {
                commands.del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
