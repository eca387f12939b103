package io.coerouter.router.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ChatMessage;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.telemetry.LatencyHistogram;
import io.coerouter.router.testing.Eventually;
import io.coerouter.router.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage store's contract on a real PostgreSQL database of the test's own: what the writer adds up is what the
 * queries answer, per key, expert, skill and model, per hour, day or range; percentiles from merged histograms;
 * retention; the request log's fields, content capture, filters and pages.
 */
class UsageStoreIT {

    private static final Instant T0 = Instant.parse("2026-12-03T10:15:00Z");
    private static final String SCHEMA = "coe_usage";

    private UsageTestDatabase db;
    private UsageDatabase database;
    private UsageStore store;

    @BeforeEach
    void migrate() {
        db = UsageTestDatabase.create();
        database = UsageDatabase.open(db.datasource());
        UsageDatabase.migrate(database.dataSource(), SCHEMA);
        store = new UsageStore(
                database.dataSource(), SCHEMA, JsonMapper.builder().build());
    }

    @AfterEach
    void drop() {
        database.close();
        db.close();
    }

    /** A request routed to three experts (two answered, one failed) with the given latency. */
    static CompletedRequest routed(String id, Instant at, String key, String skill, double latencyMs) {
        List<CoeTrace.ExpertCall> calls = List.of(
                CoeTrace.ExpertCall.answered("alpha", 0.5, "stop", latencyMs, 10, 5, new BigDecimal("0.001")),
                CoeTrace.ExpertCall.answered("beta", 0.3, "stop", latencyMs / 2, 10, 7, new BigDecimal("0.002")),
                CoeTrace.ExpertCall.failed("gamma", 0.2, "timeout"));
        CoeTrace trace = new CoeTrace(
                "coe",
                List.of(new CoeTrace.SkillScore(skill, 0.8), new CoeTrace.SkillScore("other", 0.2)),
                calls,
                "majority",
                new BigDecimal("0.003"),
                null,
                null);
        return new CompletedRequest(
                id,
                at,
                key,
                "coe",
                false,
                null,
                null,
                (long) (latencyMs * 1_000_000),
                20,
                12,
                new BigDecimal("0.003"),
                trace,
                List.of(),
                "trace-" + id,
                List.of(new ChatMessage(ChatMessage.Role.USER, "What is 2+2? " + id)),
                "4");
    }

    /** A direct request that failed: its expert's call failed. */
    static CompletedRequest failed(String id, Instant at, String key) {
        return new CompletedRequest(
                id,
                at,
                key,
                "stub-gpt",
                true,
                ErrorKind.UPSTREAM_FAILED,
                "expert_server_error",
                3_000_000,
                0,
                0,
                null,
                null,
                List.of(new CompletedRequest.FailedExpert("stub-gpt", "server_error")),
                null,
                List.of(new ChatMessage(ChatMessage.Role.USER, "secret question")),
                null);
    }

    /**
     * A request answered from the response cache: no expert called, no tokens, no cost; its trace's cache object says
     * how it matched and what the cached answer cost when it was made.
     */
    static CompletedRequest cacheHit(
            String id, Instant at, String key, String skill, String kind, double similarity, String savedUsd) {
        CoeTrace trace = new CoeTrace(
                "coe",
                List.of(new CoeTrace.SkillScore(skill, 0.8)),
                List.of(),
                "majority",
                BigDecimal.ZERO,
                null,
                null,
                new CoeTrace.Cache("hit", kind, similarity, 30, new BigDecimal(savedUsd)));
        return new CompletedRequest(
                id,
                at,
                key,
                "coe",
                false,
                null,
                null,
                2_000_000,
                0,
                0,
                BigDecimal.ZERO,
                trace,
                List.of(),
                null,
                List.of(new ChatMessage(ChatMessage.Role.USER, "What is 2+2?")),
                "4");
    }

    private boolean write(List<CompletedRequest> requests, boolean log, boolean content) {
        return write(java.util.UUID.randomUUID(), requests, log, content);
    }

    private boolean write(java.util.UUID batchId, List<CompletedRequest> requests, boolean log, boolean content) {
        Rollups rollups = new Rollups();
        List<LoggedRequest> logged = new ArrayList<>();
        for (CompletedRequest r : requests) {
            rollups.add(r);
            if (log) {
                logged.add(LoggedRequest.of(r, content));
            }
        }
        return store.write(batchId, rollups.rows(), logged);
    }

    private Map<String, UsageRow> usage(UsageQuery.GroupBy by) {
        return store
                .usage(new UsageQuery(
                        by, UsageQuery.Bucket.NONE, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))))
                .stream()
                .collect(Collectors.toMap(UsageRow::group, Function.identity()));
    }

    @Test
    void groupingByKeyOrSkillCountsEachRequestOnceAndByExpertEachCall() {
        write(List.of(routed("r1", T0, "k1", "math", 100), routed("r2", T0, "k1", "math", 200)), false, false);
        write(List.of(routed("r3", T0.plusSeconds(60), "k2", "geo", 300), failed("r4", T0, "k2")), false, false);

        Map<String, UsageRow> byKey = usage(UsageQuery.GroupBy.KEY);
        assertThat(byKey).containsOnlyKeys("k1", "k2");
        assertThat(byKey.get("k1").requests()).isEqualTo(2);
        assertThat(byKey.get("k1").errors()).isZero();
        assertThat(byKey.get("k1").inputTokens()).isEqualTo(40);
        assertThat(byKey.get("k1").outputTokens()).isEqualTo(24);
        assertThat(byKey.get("k1").costUsd()).isEqualByComparingTo("0.006");
        assertThat(byKey.get("k2").requests()).isEqualTo(2);
        assertThat(byKey.get("k2").errors()).isEqualTo(1);

        Map<String, UsageRow> bySkill = usage(UsageQuery.GroupBy.SKILL);
        assertThat(bySkill).containsOnlyKeys("math", "geo", "");
        assertThat(bySkill.get("math").requests()).isEqualTo(2);
        assertThat(bySkill.get("").requests()).as("the direct request").isEqualTo(1);

        Map<String, UsageRow> byExpert = usage(UsageQuery.GroupBy.EXPERT);
        assertThat(byExpert).containsOnlyKeys("alpha", "beta", "gamma", "stub-gpt");
        assertThat(byExpert.get("alpha").requests()).isEqualTo(3);
        assertThat(byExpert.get("alpha").costUsd()).isEqualByComparingTo("0.003");
        assertThat(byExpert.get("beta").outputTokens()).isEqualTo(21);
        assertThat(byExpert.get("gamma").errors()).isEqualTo(3);
        assertThat(byExpert.get("gamma").latency().total())
                .as("a failed call has no latency")
                .isZero();
        assertThat(byExpert.get("stub-gpt").errors()).isEqualTo(1);

        Map<String, UsageRow> byModel = usage(UsageQuery.GroupBy.MODEL);
        assertThat(byModel.get("coe").requests()).isEqualTo(3);
        assertThat(byModel.get("stub-gpt").requests()).isEqualTo(1);
    }

    @Test
    void percentilesComeFromTheMergedHistogramsOfEveryRowAndBatch() {
        List<Double> latencies = new ArrayList<>();
        LatencyHistogram expected = LatencyHistogram.EMPTY;
        for (int i = 0; i < 200; i++) {
            double ms = 5 + i * 7.5;
            latencies.add(ms);
            long[] one = new long[LatencyHistogram.BUCKETS];
            one[LatencyHistogram.bucketOf(ms)] = 1;
            expected = expected.plus(LatencyHistogram.of(one));
            // Four hours, two keys, one batch each: eight rows to merge.
            write(List.of(routed("p" + i, T0.plus(Duration.ofHours(i % 4)), "k" + (i % 2), "math", ms)), false, false);
        }

        UsageRow all = store.usage(new UsageQuery(
                        UsageQuery.GroupBy.SKILL,
                        UsageQuery.Bucket.NONE,
                        T0.minus(Duration.ofHours(1)),
                        T0.plus(Duration.ofDays(1))))
                .getFirst();

        assertThat(all.bucket()).isNull();
        assertThat(all.requests()).isEqualTo(200);
        assertThat(all.latency()).isEqualTo(expected);
        assertThat(all.latency().percentile(0.5)).isEqualTo(expected.percentile(0.5));
        assertThat(all.latency().percentile(0.99)).isBetween(1000.0, 2048.0);
    }

    @Test
    void bucketsAreHoursOrUtcDaysAndTheRangeIsHonoured() {
        write(
                List.of(
                        routed("a", T0, "k1", "math", 10),
                        routed("b", T0.plus(Duration.ofHours(1)), "k1", "math", 10),
                        routed("c", T0.plus(Duration.ofDays(1)), "k1", "math", 10)),
                false,
                false);

        List<UsageRow> hours = store.usage(new UsageQuery(
                UsageQuery.GroupBy.KEY,
                UsageQuery.Bucket.HOUR,
                T0.minus(Duration.ofHours(1)),
                T0.plus(Duration.ofDays(2))));
        List<UsageRow> days = store.usage(new UsageQuery(
                UsageQuery.GroupBy.KEY,
                UsageQuery.Bucket.DAY,
                T0.minus(Duration.ofHours(1)),
                T0.plus(Duration.ofDays(2))));
        List<UsageRow> firstHourOnly = store.usage(
                new UsageQuery(UsageQuery.GroupBy.KEY, UsageQuery.Bucket.HOUR, T0, T0.plus(Duration.ofMinutes(30))));

        assertThat(hours)
                .extracting(UsageRow::bucket)
                .containsExactly(
                        Instant.parse("2026-12-03T10:00:00Z"),
                        Instant.parse("2026-12-03T11:00:00Z"),
                        Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(days)
                .extracting(UsageRow::bucket)
                .containsExactly(Instant.parse("2026-12-03T00:00:00Z"), Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(days.getFirst().requests()).isEqualTo(2);
        assertThat(firstHourOnly).extracting(UsageRow::requests).containsExactly(1L);
    }

    @Test
    void retentionDeletesOnlyWhatIsPastItsTime() {
        ManualClock clock = new ManualClock(); // 2026-01-01
        Instant now = clock.instant();
        write(
                List.of(
                        routed("old", now.minus(Duration.ofDays(30)), "k1", "math", 10),
                        routed("recent", now.minus(Duration.ofDays(3)), "k1", "math", 10),
                        routed("new", now.minus(Duration.ofMinutes(5)), "k1", "math", 10)),
                true,
                false);
        UsageProperties properties =
                UsageProperties.of(db.datasource(), new UsageProperties.RequestLog(true, false, Duration.ofDays(7)));
        UsageProperties tenDays = new UsageProperties(
                properties.datasource(),
                SCHEMA,
                10,
                10,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofDays(10),
                Duration.ofHours(1),
                properties.requestLog());

        long[] deleted = new UsageRetention(store, tenDays, clock).purge();

        assertThat(deleted[0])
                .as("the old request's four hourly and four daily rows")
                .isEqualTo(8);
        assertThat(deleted[1]).isEqualTo(1);
        assertThat(store.jdbc().queryForObject("SELECT count(*) FROM coe_usage.usage_hourly", Long.class))
                .as("the two younger requests' rows")
                .isEqualTo(8);
        assertThat(store.requests(search(null, null, null, 10, null)).requests())
                .extracting(LoggedRequest::id)
                .containsExactly("new", "recent");

        clock.advance(Duration.ofDays(5));
        assertThat(new UsageRetention(store, tenDays, clock).purge()[1])
                .as("recent is now 8 days old")
                .isEqualTo(1);
    }

    @Test
    void longRangesReadWholeDaysFromTheDailyRollupsAndAgreeWithTheHours() {
        List<CompletedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant at = T0.plus(Duration.ofMinutes(53L * i)); // about four and a half days, every hour of them
            requests.add(
                    i % 7 == 0
                            ? failed("d" + i, at, "k" + (i % 3))
                            : routed("d" + i, at, "k" + (i % 3), "s" + (i % 4), 3 + i));
        }
        write(requests.subList(0, 60), false, false);
        write(requests.subList(60, 120), false, false);
        Instant from = T0.plus(Duration.ofHours(5)).plusSeconds(600); // mid-hour, mid-day
        Instant to = T0.plus(Duration.ofDays(4)).plusSeconds(1200);

        for (UsageQuery.GroupBy by : UsageQuery.GroupBy.values()) {
            List<UsageRow> hours = store.usage(new UsageQuery(by, UsageQuery.Bucket.HOUR, from, to));
            Map<String, UsageRow> whole = store.usage(new UsageQuery(by, UsageQuery.Bucket.NONE, from, to)).stream()
                    .collect(Collectors.toMap(UsageRow::group, Function.identity()));
            List<UsageRow> days = store.usage(new UsageQuery(by, UsageQuery.Bucket.DAY, from, to));

            Map<String, List<UsageRow>> byGroup = hours.stream().collect(Collectors.groupingBy(UsageRow::group));
            assertThat(whole).as("%s", by).containsOnlyKeys(byGroup.keySet());
            byGroup.forEach((group, rows) -> {
                UsageRow sum = whole.get(group);
                assertThat(sum.requests())
                        .isEqualTo(rows.stream().mapToLong(UsageRow::requests).sum());
                assertThat(sum.errors())
                        .isEqualTo(rows.stream().mapToLong(UsageRow::errors).sum());
                assertThat(sum.inputTokens())
                        .isEqualTo(
                                rows.stream().mapToLong(UsageRow::inputTokens).sum());
                assertThat(sum.costUsd())
                        .isEqualByComparingTo(
                                rows.stream().map(UsageRow::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
                assertThat(sum.latency())
                        .isEqualTo(rows.stream()
                                .map(UsageRow::latency)
                                .reduce(LatencyHistogram.EMPTY, LatencyHistogram::plus));
            });
            assertThat(days.stream().mapToLong(UsageRow::requests).sum())
                    .isEqualTo(hours.stream().mapToLong(UsageRow::requests).sum());
            assertThat(days)
                    .extracting(UsageRow::bucket)
                    .allMatch(b -> b.equals(b.truncatedTo(java.time.temporal.ChronoUnit.DAYS)));
        }
        assertThat(store.jdbc().queryForObject("SELECT count(*) FROM coe_usage.usage_daily", Long.class))
                .as("the daily rollups hold rows, so the whole days came from them")
                .isPositive();
    }

    @Test
    void cacheHitsAddUpOnTheRequestRowsWithWhatTheySavedAndNoTokensOrCost() {
        java.util.UUID id = java.util.UUID.randomUUID();
        List<CompletedRequest> batch = List.of(
                routed("miss", T0, "k1", "math", 100),
                cacheHit("exact", T0.plusSeconds(1), "k1", "math", "exact", 1.0, "0.003"),
                cacheHit("near", T0.plusSeconds(2), "k1", "math", "semantic", 0.9375, "0.003"));
        assertThat(write(id, batch, true, false)).isTrue();
        assertThat(write(id, batch, true, false)).as("the retry adds no hits").isFalse();
        write(List.of(cacheHit("later", T0.plus(Duration.ofDays(1)), "k2", "geo", "exact", 1.0, "0.5")), true, false);

        Map<String, UsageRow> byKey = usage(UsageQuery.GroupBy.KEY);
        UsageRow k1 = byKey.get("k1");
        assertThat(k1.requests()).isEqualTo(3);
        assertThat(k1.cacheHits()).isEqualTo(2);
        assertThat(k1.cacheHitRate()).isEqualTo(2.0 / 3);
        assertThat(k1.cacheSavedUsd()).isEqualByComparingTo("0.006");
        assertThat(k1.inputTokens()).as("only the miss used tokens").isEqualTo(20);
        assertThat(k1.outputTokens()).isEqualTo(12);
        assertThat(k1.costUsd()).as("only the miss cost anything").isEqualByComparingTo("0.003");
        assertThat(byKey.get("k2").cacheHits()).isEqualTo(1);
        assertThat(byKey.get("k2").cacheHitRate()).isEqualTo(1.0);
        assertThat(usage(UsageQuery.GroupBy.SKILL).get("math").cacheHits()).isEqualTo(2);
        Map<String, UsageRow> byExpert = usage(UsageQuery.GroupBy.EXPERT);
        assertThat(byExpert.get("alpha").requests()).as("a hit calls no expert").isEqualTo(1);
        assertThat(byExpert.values())
                .allSatisfy(row -> assertThat(row.cacheHits()).isZero());

        // The same from the daily rollups: a range of whole days reads them.
        List<UsageRow> days = store.usage(new UsageQuery(
                UsageQuery.GroupBy.MODEL,
                UsageQuery.Bucket.DAY,
                T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(2))));
        assertThat(days).extracting(UsageRow::cacheHits).containsExactly(2L, 1L);
        assertThat(days).extracting(UsageRow::requests).containsExactly(3L, 1L);
        assertThat(days.get(1).cacheSavedUsd()).isEqualByComparingTo("0.5");
        assertThat(store.jdbc()
                        .queryForObject(
                                "SELECT sum(cache_hits) FROM coe_usage.usage_daily WHERE expert = ''", Long.class))
                .isEqualTo(3L);

        LoggedRequest near = store.request("near").orElseThrow();
        assertThat(near.cache()).isEqualTo("semantic");
        assertThat(near.cacheSimilarity()).isEqualTo(0.9375);
        assertThat(near.inputTokens()).isZero();
        assertThat(near.costUsd()).isEqualByComparingTo("0");
        assertThat(near.experts()).isEmpty();
        assertThat(store.requests(search("k1", null, null, 10, null)).requests())
                .extracting(LoggedRequest::id, LoggedRequest::cache, LoggedRequest::cacheSimilarity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("near", "semantic", 0.9375),
                        org.assertj.core.groups.Tuple.tuple("exact", "exact", 1.0),
                        org.assertj.core.groups.Tuple.tuple("miss", null, null));
    }

    private static RequestSearch search(
            String key, String expert, String status, int limit, RequestSearch.Position before) {
        return new RequestSearch(
                key,
                expert,
                status,
                Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z"),
                limit,
                before);
    }

    @Test
    void theRequestLogKeepsEveryFieldButContentOnlyWhenCaptured() {
        write(List.of(routed("with", T0, "k1", "math", 42.5)), true, true);
        write(
                List.of(
                        routed("without", T0.plusSeconds(1), "k1", "math", 42.5),
                        failed("bad", T0.plusSeconds(2), "k2")),
                true,
                false);

        LoggedRequest with = store.request("with").orElseThrow();
        LoggedRequest without = store.request("without").orElseThrow();
        LoggedRequest bad = store.request("bad").orElseThrow();

        assertThat(with.messages()).containsExactly(new LoggedRequest.Message("user", "What is 2+2? with"));
        assertThat(with.answer()).isEqualTo("4");
        assertThat(without.messages()).isNull();
        assertThat(without.answer()).isNull();
        assertThat(bad.messages()).isNull();
        String raw = store.jdbc()
                .queryForObject(
                        "SELECT coalesce(messages::text, '') || coalesce(answer, '') FROM coe_usage.request_log WHERE id = 'bad'",
                        String.class);
        assertThat(raw).as("content is not stored at all").isEmpty();

        assertThat(without.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(without.keyId()).isEqualTo("k1");
        assertThat(without.model()).isEqualTo("coe");
        assertThat(without.route()).isEqualTo("coe");
        assertThat(without.skills()).extracting(CoeTrace.SkillScore::id).containsExactly("math", "other");
        assertThat(without.experts())
                .containsExactly(
                        new LoggedRequest.ExpertOutcome("alpha", "ok", null),
                        new LoggedRequest.ExpertOutcome("beta", "ok", null),
                        new LoggedRequest.ExpertOutcome("gamma", "failed", "timeout"));
        assertThat(without.aggregator()).isEqualTo("majority");
        assertThat(without.status()).isEqualTo("ok");
        assertThat(without.latencyMs()).isEqualTo(42.5);
        assertThat(without.inputTokens()).isEqualTo(20);
        assertThat(without.outputTokens()).isEqualTo(12);
        assertThat(without.costUsd()).isEqualByComparingTo("0.003");
        assertThat(without.traceId()).isEqualTo("trace-without");
        assertThat(bad.status()).isEqualTo("error");
        assertThat(bad.errorKind()).isEqualTo("upstream_failed");
        assertThat(bad.errorCode()).isEqualTo("expert_server_error");
        assertThat(bad.stream()).isTrue();
        assertThat(bad.experts())
                .containsExactly(new LoggedRequest.ExpertOutcome("stub-gpt", "failed", "server_error"));
    }

    @Test
    void theRequestLogIsSearchedNewestFirstByKeyExpertAndStatusAPageAtATime() {
        List<CompletedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            requests.add(
                    i % 5 == 0
                            ? failed(String.format("q%02d", i), T0.plusSeconds(i), "k2")
                            : routed(String.format("q%02d", i), T0.plusSeconds(i), "k1", "math", 10));
        }
        write(requests, true, false);

        assertThat(store.requests(search("k2", null, null, 50, null)).requests())
                .extracting(LoggedRequest::id)
                .containsExactly("q20", "q15", "q10", "q05", "q00");
        assertThat(store.requests(search(null, "stub-gpt", null, 50, null)).requests())
                .hasSize(5);
        assertThat(store.requests(search(null, "gamma", null, 50, null)).requests())
                .hasSize(20);
        assertThat(store.requests(search(null, null, "error", 50, null)).requests())
                .allMatch(r -> r.status().equals("error"))
                .hasSize(5);

        List<String> seen = new ArrayList<>();
        RequestSearch.Position before = null;
        boolean more = true;
        int pages = 0;
        while (more) {
            RequestPage page = store.requests(search(null, null, null, 10, before));
            page.requests().forEach(r -> seen.add(r.id()));
            LoggedRequest last = page.requests().getLast();
            before = new RequestSearch.Position(last.startedAt(), last.id());
            more = page.hasMore();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void theWriterBuffersBatchesAndCountsWhatItWrote() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsageProperties properties = new UsageProperties(
                db.datasource(),
                SCHEMA,
                1000,
                7,
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                Duration.ofDays(400),
                Duration.ofHours(1),
                new UsageProperties.RequestLog(true, false, Duration.ofDays(7)));
        try (UsageWriter writer = new UsageWriter(store, () -> {}, properties, meters).start()) {
            for (int i = 0; i < 50; i++) {
                writer.accept(routed("w" + i, T0, "k1", "math", 10));
            }
            Eventually.until(
                    "50 requests written",
                    () -> meters.counter("coe.usage.records.written").count() == 50);
            assertThat(writer.buffered()).isZero();
        }

        assertThat(usage(UsageQuery.GroupBy.KEY).get("k1").requests()).isEqualTo(50);
        assertThat(store.requests(search(null, null, null, 100, null)).requests())
                .hasSize(50);
        assertThat(meters.counter("coe.usage.records.dropped").count()).isZero();
    }

    private UsageProperties writerProperties(int batchSize, boolean log, boolean content) {
        return new UsageProperties(
                db.datasource(),
                SCHEMA,
                1000,
                batchSize,
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                Duration.ofDays(400),
                Duration.ofHours(1),
                new UsageProperties.RequestLog(log, content, Duration.ofDays(7)));
    }

    @Test
    void aBatchWrittenTwiceUnderItsIdCountsOnce() {
        java.util.UUID id = java.util.UUID.randomUUID();
        List<CompletedRequest> batch = List.of(routed("b1", T0, "k1", "math", 10), routed("b2", T0, "k1", "math", 20));

        assertThat(write(id, batch, true, false)).isTrue();
        assertThat(write(id, batch, true, false)).as("the retry finds its id").isFalse();
        write(List.of(routed("b3", T0, "k1", "math", 30)), true, false);

        assertThat(usage(UsageQuery.GroupBy.KEY).get("k1").requests()).isEqualTo(3);
        assertThat(usage(UsageQuery.GroupBy.EXPERT).get("alpha").requests()).isEqualTo(3);
    }

    @Test
    void retentionForgetsBatchIdsAfterADay() {
        write(List.of(routed("old", T0, "k1", "math", 10)), false, false);
        store.jdbc().update("UPDATE " + SCHEMA + ".usage_batches SET written_at = now() - interval '25 hours'");
        write(List.of(routed("new", T0, "k1", "math", 10)), false, false);

        new UsageRetention(store, writerProperties(10, false, false), java.time.Clock.systemUTC()).purge();

        assertThat(store.jdbc().queryForObject("SELECT count(*) FROM " + SCHEMA + ".usage_batches", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aBatchTheDatabaseRefusesForGoodIsDroppedAndTheNextIsWritten() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CompletedRequest tooCostly = new CompletedRequest(
                "huge",
                T0,
                "k9",
                "coe",
                false,
                null,
                null,
                1_000_000,
                1,
                1,
                new BigDecimal("1e30"), // over numeric(30, 12): SQLState 22003
                null,
                List.of(),
                null,
                List.of(),
                null);
        try (UsageWriter writer = new UsageWriter(store, () -> {}, writerProperties(1, false, false), meters).start()) {
            writer.accept(tooCostly);
            Eventually.until(
                    "the bad batch dropped",
                    () -> meters.counter("coe.usage.records.dropped").count() == 1);
            writer.accept(routed("fine", T0, "k1", "math", 10));
            Eventually.until(
                    "the next batch written",
                    () -> meters.counter("coe.usage.records.written").count() == 1);
        }

        assertThat(usage(UsageQuery.GroupBy.KEY)).containsOnlyKeys("k1");
    }

    @Test
    void contentIsStoredWithoutNulCharactersAndCappedWhenCaptured() {
        String big = "x".repeat(CompletedRequest.MAX_CONTENT_CHARS + 10);
        CompletedRequest nul = new CompletedRequest(
                "nul",
                T0,
                "k1",
                "coe",
                false,
                null,
                null,
                1_000_000,
                1,
                1,
                null,
                null,
                List.of(),
                null,
                List.of(
                        new ChatMessage(ChatMessage.Role.USER, "a\u0000b"),
                        new ChatMessage(ChatMessage.Role.USER, big)),
                "c\u0000d");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (UsageWriter writer = new UsageWriter(store, () -> {}, writerProperties(10, true, true), meters).start()) {
            writer.accept(nul);
            Eventually.until(
                    "written", () -> meters.counter("coe.usage.records.written").count() == 1);
        }

        LoggedRequest stored = store.request("nul").orElseThrow();
        assertThat(stored.messages().get(0).content()).isEqualTo("ab");
        assertThat(stored.messages().get(1).content()).hasSize(CompletedRequest.MAX_CONTENT_CHARS - 3);
        assertThat(stored.answer()).as("past the cap").isEmpty();
        assertThat(meters.counter("coe.usage.records.dropped").count()).isZero();
    }

    @Test
    void aListPageCarriesNoContentAndAnUntimedRequestNoLatency() {
        CompletedRequest r = routed("line", T0, "k1", "math", 10);
        CompletedRequest untimed = new CompletedRequest(
                "batch_1:1",
                T0,
                "k2",
                "coe",
                false,
                null,
                null,
                CompletedRequest.NOT_TIMED,
                5,
                6,
                null,
                null,
                List.of(),
                null,
                List.of(),
                null);
        write(List.of(r, untimed), true, true);

        assertThat(store.requests(search(null, null, null, 10, null)).requests())
                .hasSize(2)
                .allSatisfy(l -> {
                    assertThat(l.messages()).isNull();
                    assertThat(l.answer()).isNull();
                });
        assertThat(store.request("line").orElseThrow().answer()).isEqualTo("4");
        assertThat(store.request("batch_1:1").orElseThrow().latencyMs()).isNull();
        UsageRow k2 = usage(UsageQuery.GroupBy.KEY).get("k2");
        assertThat(k2.requests()).isEqualTo(1);
        assertThat(k2.inputTokens()).isEqualTo(5);
        assertThat(k2.latency().total()).as("no latency counted").isZero();
    }
}
