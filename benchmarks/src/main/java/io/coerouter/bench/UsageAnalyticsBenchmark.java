package io.coerouter.bench;

import io.coerouter.expert.ChatMessage;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.usage.CompletedRequest;
import io.coerouter.router.usage.UsageDatabase;
import io.coerouter.router.usage.UsageHistory;
import io.coerouter.router.usage.UsageProperties;
import io.coerouter.router.usage.UsageQuery;
import io.coerouter.router.usage.UsageRow;
import io.coerouter.router.usage.UsageSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage analytics on a real PostgreSQL server (docs/benchmarks.md#usage-analytics), in a database of its own that it
 * creates and drops: (a) the rate at which the usage writer stores finished requests (k=3 expert calls each), with
 * and without the request log; (b) {@code GET /admin/usage}'s query over 10 million hourly rollup rows (400 days,
 * filled with generate_series), per group_by, p50 and p99 of repeated queries.
 *
 * <p>Options: {@code --url=jdbc:postgresql://127.0.0.1:5432/test} (any database of the server), {@code --user=postgres},
 * {@code --password=}, {@code --requests=200000}, {@code --rows=10000000}, {@code --queries=20}.
 */
public final class UsageAnalyticsBenchmark {

    private static final String[] EXPERTS = {"arithmetic", "units", "strings", "calendar", "capitals", "generalist"};
    private static final String[] SKILLS = {
        "arithmetic",
        "units",
        "strings",
        "calendar",
        "capitals",
        "geography",
        "code",
        "chat",
        "math",
        "history",
        "science",
        "other"
    };

    private UsageAnalyticsBenchmark() {}

    public static void main(String[] args) throws Exception {
        String[] url = {"jdbc:postgresql://127.0.0.1:5432/test"};
        String[] user = {"postgres"};
        String[] password = {""};
        int[] requests = {200_000};
        long[] rows = {10_000_000};
        int[] queries = {20};
        Args.parse(args, (name, value) -> {
            switch (name) {
                case "url" -> url[0] = value;
                case "user" -> user[0] = value;
                case "password" -> password[0] = value;
                case "requests" -> requests[0] = Integer.parseInt(value);
                case "rows" -> rows[0] = Long.parseLong(value);
                case "queries" -> queries[0] = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        });
        String database = "coe_usage_bench_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        admin(url[0], user[0], password[0], "CREATE DATABASE " + database);
        String dbUrl = url[0].substring(0, url[0].lastIndexOf('/') + 1) + database;
        System.out.printf(
                Locale.ROOT,
                "usage analytics benchmark: database %s, %d cores, Java %s%n",
                database,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        try {
            UsageProperties.Datasource datasource = UsageProperties.Datasource.of(dbUrl, user[0], password[0]);
            for (boolean log : new boolean[] {false, true}) {
                writeRate(datasource, requests[0], log);
            }
            queryTimes(datasource, rows[0], queries[0]);
        } finally {
            admin(url[0], user[0], password[0], "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static UsageProperties properties(
            UsageProperties.Datasource datasource, String schema, int buffer, boolean log) {
        return new UsageProperties(
                datasource,
                schema,
                buffer,
                1000,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofDays(400),
                Duration.ofDays(1),
                new UsageProperties.RequestLog(log, false, Duration.ofDays(7)));
    }

    /** A request routed to three experts, at {@code at}, by one of 200 keys, its top skill one of 12. */
    private static CompletedRequest request(int i, Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<CoeTrace.ExpertCall> calls = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            calls.add(CoeTrace.ExpertCall.answered(
                    EXPERTS[(i + k) % EXPERTS.length],
                    0.3,
                    "stop",
                    5 + random.nextDouble() * 400,
                    12,
                    30,
                    new BigDecimal("0.0004")));
        }
        String skill = SKILLS[i % SKILLS.length];
        CoeTrace trace = new CoeTrace(
                "coe",
                List.of(new CoeTrace.SkillScore(skill, 0.9)),
                calls,
                "majority",
                new BigDecimal("0.0012"),
                null,
                null);
        return new CompletedRequest(
                "chatcmpl-bench" + i,
                at,
                "key-" + (i % 200),
                "coe",
                false,
                null,
                null,
                (long) ((20 + random.nextDouble() * 500) * 1e6),
                36,
                90,
                new BigDecimal("0.0012"),
                trace,
                List.of(),
                null,
                List.of(new ChatMessage(ChatMessage.Role.USER, "What is 2+2?")),
                "4");
    }

    private static void writeRate(UsageProperties.Datasource datasource, int n, boolean log) throws Exception {
        String schema = log ? "bench_write_log" : "bench_write";
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24));
        List<CompletedRequest> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // Spread over 24 hours: 200 keys x 12 skills x 24 hours, so rows merge as they would in a day.
            batch.add(request(i, start.plus(Duration.ofSeconds((long) i * 86_400 / n))));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (UsageHistory history = UsageHistory.start(
                properties(datasource, schema, n, log), JsonMapper.builder().build(), meters, Clock.systemUTC())) {
            UsageSink sink = history.sink();
            sink.accept(request(n, start)); // the migrations run before the first write
            awaitWritten(meters, 1);
            long t0 = System.nanoTime();
            for (CompletedRequest r : batch) {
                sink.accept(r);
            }
            long offered = System.nanoTime();
            awaitWritten(meters, n + 1);
            long done = System.nanoTime();
            double seconds = (done - t0) / 1e9;
            double rowsWritten = meters.counter("coe.usage.rows.written").count();
            System.out.printf(
                    Locale.ROOT,
                    "write, request log %s: %d requests (k=3) in %.2f s = %.0f requests/s (%.0f expert calls/s);"
                            + " %.0f rows upserted/inserted; accept() %.0f ns a request; dropped %.0f%n",
                    log ? "on " : "off",
                    n,
                    seconds,
                    n / seconds,
                    3 * n / seconds,
                    rowsWritten,
                    (offered - t0) / (double) n,
                    meters.counter("coe.usage.records.dropped").count());
        }
    }

    private static void awaitWritten(SimpleMeterRegistry meters, double n) throws InterruptedException {
        while (meters.counter("coe.usage.records.written").count() < n) {
            Thread.sleep(5);
        }
    }

    private static void queryTimes(UsageProperties.Datasource datasource, long rows, int queries) throws Exception {
        String schema = "bench_query";
        DataSource plain = new DriverManagerDataSource(datasource.url(), datasource.username(), datasource.password());
        UsageDatabase.migrate(plain, schema);
        long perHour = 1042;
        long hours = Math.max(1, rows / perHour);
        long t0 = System.nanoTime();
        // One anchor for every chunk: now() moves on between statements, and may cross an hour.
        Instant anchor = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (Connection c = plain.getConnection();
                Statement s = c.createStatement()) {
            for (long from = 0; from < hours; from += 960) {
                long to = Math.min(hours, from + 960);
                s.execute(fill(schema, anchor, from, to, perHour));
            }
            s.execute(daily(schema));
            s.execute("ANALYZE " + schema + ".usage_hourly");
            s.execute("ANALYZE " + schema + ".usage_daily");
        }
        long filled = System.nanoTime();
        long count;
        String size;
        try (Connection c = plain.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('" + schema
                        + ".usage_hourly')), (SELECT count(*) FROM " + schema + ".usage_daily), pg_size_pretty("
                        + "pg_total_relation_size('" + schema + ".usage_daily')) FROM " + schema + ".usage_hourly")) {
            rs.next();
            count = rs.getLong(1);
            size = rs.getString(2) + "; daily rollups: " + rs.getLong(3) + " rows, " + rs.getString(4);
        }
        System.out.printf(
                Locale.ROOT,
                "query: %d hourly rollup rows over %d days (%s with indexes), filled in %.0f s%n",
                count,
                hours / 24,
                size,
                (filled - t0) / 1e9);
        try (UsageHistory history = UsageHistory.start(
                properties(datasource, schema, 10, false),
                JsonMapper.builder().build(),
                new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            Instant now = Instant.now();
            record Window(String name, Duration length, UsageQuery.Bucket bucket, int repeat) {}
            List<Window> windows = List.of(
                    new Window("24 h", Duration.ofHours(24), UsageQuery.Bucket.HOUR, queries),
                    new Window("7 d", Duration.ofDays(7), UsageQuery.Bucket.DAY, queries),
                    new Window("30 d", Duration.ofDays(30), UsageQuery.Bucket.DAY, Math.max(3, queries / 4)),
                    new Window("400 d", Duration.ofDays(400), UsageQuery.Bucket.NONE, 3));
            for (Window w : windows) {
                for (UsageQuery.GroupBy by : UsageQuery.GroupBy.values()) {
                    UsageQuery query = new UsageQuery(by, w.bucket(), now.minus(w.length()), now);
                    List<UsageRow> answer = ready(history, query); // warm-up
                    double[] ms = new double[w.repeat()];
                    for (int i = 0; i < ms.length; i++) {
                        long q0 = System.nanoTime();
                        history.usage(query);
                        ms[i] = (System.nanoTime() - q0) / 1e6;
                    }
                    Arrays.sort(ms);
                    System.out.printf(
                            Locale.ROOT,
                            "query %-5s bucket=%-4s group_by=%-6s: %5d result rows, p50 %8.1f ms, p99 %8.1f ms"
                                    + " (%d queries)%n",
                            w.name(),
                            w.bucket().wire(),
                            by.wire(),
                            answer.size(),
                            ms[(int) Math.ceil(0.5 * ms.length) - 1],
                            ms[(int) Math.ceil(0.99 * ms.length) - 1],
                            ms.length);
                }
            }
        }
    }

    /** The query once the history's writer has found the schema migrated. */
    private static List<UsageRow> ready(UsageHistory history, UsageQuery query) throws InterruptedException {
        while (true) {
            try {
                return history.usage(query);
            } catch (RouterException e) {
                Thread.sleep(20);
            }
        }
    }

    /**
     * Rows of hours [from, to) before {@code anchor}: per hour {@code perHour} distinct (key, expert, skill, model)
     * rows, 40 keys, one in four rows a request row (expert ''), the rest calls of 6 experts; each with one of 16
     * latency histograms of five non-zero buckets.
     */
    private static String fill(String schema, Instant anchor, long from, long to, long perHour) {
        return "WITH hist AS (SELECT n, ARRAY(SELECT (24 + n + b)::smallint FROM generate_series(0, 4) b) AS i,"
                + " ARRAY(SELECT ((n + b) % 7 + 1)::bigint FROM generate_series(0, 4) b) AS c"
                + " FROM generate_series(0, 15) n)"
                + " INSERT INTO " + schema + ".usage_hourly SELECT timestamptz '" + anchor
                + "' - h * interval '1 hour',"
                + " 'key-' || (j % 40),"
                + " CASE WHEN (j / 40) % 4 = 0 THEN '' ELSE 'expert-' || (((j / 40) % 4 + (j / 160) * 3) % 6) END,"
                + " CASE WHEN j / 160 = 0 THEN '' ELSE 'skill-' || (j / 160) END,"
                + " CASE WHEN j / 160 = 0 THEN 'expert-0' ELSE 'coe' END,"
                + " 1 + j % 50, j % 3, 100 + j, 300 + j, (j % 97) * 0.0001, hist.i, hist.c"
                + " FROM generate_series(" + from + ", " + (to - 1) + ") h, generate_series(0, " + (perHour - 1)
                + ") j, hist WHERE hist.n = (h + j) % 16";
    }

    /** The daily rollups of the hourly rows, as the router writes them (and migration V3 fills them). */
    private static String daily(String schema) {
        return "WITH sums AS (SELECT date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day, key_id,"
                + " expert, skill, model, sum(requests) AS requests, sum(errors) AS errors,"
                + " sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd"
                + " FROM " + schema + ".usage_hourly GROUP BY 1, 2, 3, 4, 5),"
                + " hist AS (SELECT day, key_id, expert, skill, model, array_agg(i ORDER BY i) AS idx,"
                + " array_agg(c ORDER BY i) AS cnt FROM (SELECT date_trunc('day', hour AT TIME ZONE 'UTC')"
                + " AT TIME ZONE 'UTC' AS day, key_id, expert, skill, model, u.i, sum(u.c)::bigint AS c FROM " + schema
                + ".usage_hourly, unnest(latency_idx, latency_cnt) AS u(i, c) GROUP BY 1, 2, 3, 4, 5, 6) x"
                + " GROUP BY 1, 2, 3, 4, 5)"
                + " INSERT INTO " + schema + ".usage_daily SELECT sums.*, coalesce(hist.idx, '{}'),"
                + " coalesce(hist.cnt, '{}') FROM sums LEFT JOIN hist USING (day, key_id, expert, skill, model)";
    }

    private static void admin(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
