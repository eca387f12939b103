package io.coerouter.router.usage;

import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.telemetry.LatencyHistogram;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage tables in PostgreSQL (schema {@code coe.usage.schema}, created by {@link UsageDatabase}): hourly and daily
 * rollups written by upserts that add counts together (rows in one order, so concurrent writers never deadlock), the
 * request log, the queries the admin API makes and the retention deletes.
 */
public final class UsageStore {

    /** The most groups-times-buckets one usage query returns. */
    public static final int MAX_ROWS = 10_000;

    /** PostgreSQL's work_mem for a usage query. */
    static final String QUERY_WORK_MEM = "64MB";

    /** The longest a usage query may run on the server (then it fails, and the API answers 503). */
    static final String QUERY_TIMEOUT = "30s";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String rollups;
    private final String daily;
    private final String requests;
    private final String batches;

    UsageStore(DataSource dataSource, String schema, JsonMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.rollups = schema + ".usage_hourly";
        this.daily = schema + ".usage_daily";
        this.requests = schema + ".request_log";
        this.batches = schema + ".usage_batches";
    }

    /**
     * Adds {@code rows} to the hourly and the daily rollups and inserts {@code logged} (ignoring ids already there), in
     * one transaction, once per {@code batchId}: a batch id already recorded (the batch was written, its commit's
     * acknowledgement lost) writes nothing. Returns whether it wrote.
     */
    boolean write(UUID batchId, Map<RollupKey, Rollup> rows, List<LoggedRequest> logged) {
        List<Map.Entry<RollupKey, Rollup>> ordered = new ArrayList<>(rows.entrySet());
        ordered.sort(Map.Entry.comparingByKey(RollupKey.ORDER));
        return inTransaction(tx -> {
            if (tx.update(
                            "INSERT INTO " + batches
                                    + " (id, written_at) VALUES (?, now()) ON CONFLICT (id) DO NOTHING",
                            batchId)
                    == 0) {
                return false;
            }
            upsert(tx, rollups, "hour", ordered);
            upsert(tx, daily, "day", byDay(ordered));
            if (!logged.isEmpty()) {
                tx.batchUpdate(insertRequest(), new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        bindRequest(ps, logged.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return logged.size();
                    }
                });
            }
            return true;
        });
    }

    /** The hourly rows added up per UTC day, in {@link RollupKey#ORDER}. */
    private static List<Map.Entry<RollupKey, Rollup>> byDay(List<Map.Entry<RollupKey, Rollup>> hourly) {
        Map<RollupKey, Rollup> days = new java.util.TreeMap<>(RollupKey.ORDER);
        for (Map.Entry<RollupKey, Rollup> e : hourly) {
            RollupKey k = e.getKey();
            RollupKey day = new RollupKey(
                    k.hour().truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                    k.keyId(),
                    k.expert(),
                    k.skill(),
                    k.model());
            days.computeIfAbsent(day, d -> new Rollup()).add(e.getValue());
        }
        return new ArrayList<>(days.entrySet());
    }

    private void upsert(JdbcTemplate tx, String table, String time, List<Map.Entry<RollupKey, Rollup>> ordered) {
        if (ordered.isEmpty()) {
            return;
        }
        tx.batchUpdate(upsertSql(table, time), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                RollupKey key = ordered.get(i).getKey();
                Rollup row = ordered.get(i).getValue();
                ps.setTimestamp(1, Timestamp.from(key.hour()));
                ps.setString(2, key.keyId());
                ps.setString(3, key.expert());
                ps.setString(4, key.skill());
                ps.setString(5, key.model());
                ps.setLong(6, row.requests);
                ps.setLong(7, row.errors);
                ps.setLong(8, row.inputTokens);
                ps.setLong(9, row.outputTokens);
                ps.setBigDecimal(10, row.costUsd);
                int nonZero = 0;
                for (long c : row.latency) {
                    nonZero += c == 0 ? 0 : 1;
                }
                Short[] idx = new Short[nonZero];
                Long[] cnt = new Long[nonZero];
                for (int b = 0, k = 0; b < row.latency.length; b++) {
                    if (row.latency[b] != 0) {
                        idx[k] = (short) b;
                        cnt[k++] = row.latency[b];
                    }
                }
                ps.setArray(11, ps.getConnection().createArrayOf("int2", idx));
                ps.setArray(12, ps.getConnection().createArrayOf("int8", cnt));
                ps.setLong(13, row.cacheHits);
                ps.setBigDecimal(14, row.cacheSavedUsd);
            }

            @Override
            public int getBatchSize() {
                return ordered.size();
            }
        });
    }

    private static String upsertSql(String table, String time) {
        return "INSERT INTO " + table + " AS t (" + time
                + ", key_id, expert, skill, model, requests, errors, input_tokens,"
                + " output_tokens, cost_usd, latency_idx, latency_cnt, cache_hits, cache_saved_usd)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (" + time + ", key_id, expert, skill, model) DO UPDATE SET"
                + " requests = t.requests + excluded.requests, errors = t.errors + excluded.errors,"
                + " input_tokens = t.input_tokens + excluded.input_tokens,"
                + " output_tokens = t.output_tokens + excluded.output_tokens,"
                + " cost_usd = t.cost_usd + excluded.cost_usd,"
                + " cache_hits = t.cache_hits + excluded.cache_hits,"
                + " cache_saved_usd = t.cache_saved_usd + excluded.cache_saved_usd,"
                + " (latency_idx, latency_cnt) = (SELECT coalesce(array_agg(i ORDER BY i), '{}'),"
                + " coalesce(array_agg(c ORDER BY i), '{}') FROM (SELECT i, sum(c)::bigint AS c FROM"
                + " (SELECT * FROM unnest(t.latency_idx, t.latency_cnt) AS a(i, c) UNION ALL"
                + " SELECT * FROM unnest(excluded.latency_idx, excluded.latency_cnt) AS e(i, c)) u GROUP BY i) s)";
    }

    private String insertRequest() {
        return "INSERT INTO " + requests + " (id, started_at, key_id, model, route, stream, skills, experts,"
                + " expert_ids, aggregator, status, error_kind, error_code, latency_ms, input_tokens, output_tokens,"
                + " cost_usd, trace_id, messages, answer, cache, cache_similarity) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb,"
                + " ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    }

    private void bindRequest(PreparedStatement ps, LoggedRequest r) throws SQLException {
        ps.setString(1, r.id());
        ps.setTimestamp(2, Timestamp.from(r.startedAt()));
        ps.setString(3, r.keyId());
        ps.setString(4, r.model());
        ps.setString(5, r.route());
        ps.setBoolean(6, r.stream());
        ps.setString(7, json.writeValueAsString(r.skills()));
        ps.setString(8, json.writeValueAsString(r.experts()));
        ps.setArray(
                9,
                ps.getConnection()
                        .createArrayOf(
                                "text",
                                r.experts().stream()
                                        .map(LoggedRequest.ExpertOutcome::id)
                                        .distinct()
                                        .toArray()));
        ps.setString(10, r.aggregator());
        ps.setString(11, r.status());
        ps.setString(12, r.errorKind());
        ps.setString(13, r.errorCode());
        if (r.latencyMs() == null) {
            ps.setNull(14, Types.DOUBLE);
        } else {
            ps.setDouble(14, r.latencyMs());
        }
        ps.setLong(15, r.inputTokens());
        ps.setLong(16, r.outputTokens());
        ps.setBigDecimal(17, r.costUsd());
        ps.setString(18, r.traceId());
        if (r.messages() == null) {
            ps.setNull(19, Types.VARCHAR);
        } else {
            ps.setString(19, json.writeValueAsString(r.messages()));
        }
        ps.setString(20, r.answer());
        ps.setString(21, r.cache());
        if (r.cacheSimilarity() == null) {
            ps.setNull(22, Types.REAL);
        } else {
            ps.setFloat(22, r.cacheSimilarity().floatValue());
        }
    }

    /**
     * Usage grouped and bucketed as {@code query} asks, by bucket then group; at most {@link #MAX_ROWS} + 1 rows (one
     * more tells the caller there were too many).
     */
    public List<UsageRow> usage(UsageQuery query) {
        String experts = query.groupBy() == UsageQuery.GroupBy.EXPERT ? "expert <> ''" : "expert = ''";
        String columns = query.groupBy().column + " AS g, requests, errors, input_tokens, output_tokens, cost_usd,"
                + " cache_hits, cache_saved_usd, latency_idx, latency_cnt";
        // Hours count when they start in [from rounded down to its hour, to). By day or for the whole range, the days
        // the range covers entirely come from the daily rollups, the hours at its edges from the hourly ones.
        Instant fromHour = query.from().truncatedTo(ChronoUnit.HOURS);
        Instant toHour = query.to().truncatedTo(ChronoUnit.HOURS);
        toHour = toHour.equals(query.to()) ? toHour : toHour.plus(Duration.ofHours(1));
        Instant firstDay = fromHour.truncatedTo(ChronoUnit.DAYS);
        firstDay = firstDay.equals(fromHour) ? firstDay : firstDay.plus(Duration.ofDays(1));
        Instant endDay = toHour.truncatedTo(ChronoUnit.DAYS);
        List<Object> args = new ArrayList<>();
        String r;
        if (query.bucket() != UsageQuery.Bucket.HOUR && firstDay.isBefore(endDay)) {
            String bucket = query.bucket() == UsageQuery.Bucket.DAY ? "day" : "timestamptz 'epoch'";
            String hourBucket = query.bucket() == UsageQuery.Bucket.DAY
                    ? "date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
                    : "timestamptz 'epoch'";
            r = "SELECT " + bucket + " AS b, " + columns + " FROM " + daily + " WHERE day >= ? AND day < ? AND "
                    + experts + " UNION ALL SELECT " + hourBucket + " AS b, " + columns + " FROM " + rollups
                    + " WHERE ((hour >= ? AND hour < ?) OR (hour >= ? AND hour < ?)) AND " + experts;
            args.addAll(List.of(
                    Timestamp.from(firstDay),
                    Timestamp.from(endDay),
                    Timestamp.from(fromHour),
                    Timestamp.from(firstDay),
                    Timestamp.from(endDay),
                    Timestamp.from(query.to())));
        } else {
            String bucket =
                    switch (query.bucket()) {
                        case HOUR -> "hour";
                        case DAY -> "date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";
                        case NONE -> "timestamptz 'epoch'";
                    };
            r = "SELECT " + bucket + " AS b, " + columns + " FROM " + rollups + " WHERE hour >= ? AND hour < ? AND "
                    + experts;
            args.addAll(List.of(Timestamp.from(fromHour), Timestamp.from(query.to())));
        }
        // Scalars are summed as they are; the sparse histograms bucket by bucket, as (index, count) pairs, so the
        // work is proportional to the buckets that counted latencies, not to 70 buckets a row.
        String sql = "WITH r AS (" + r + "),"
                + " sums AS (SELECT b, g, sum(requests) AS requests, sum(errors) AS errors,"
                + " sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd,"
                + " sum(cache_hits) AS cache_hits, sum(cache_saved_usd) AS cache_saved_usd"
                + " FROM r GROUP BY b, g),"
                + " hist AS (SELECT b, g, array_agg(i) AS idx, array_agg(c) AS cnt FROM (SELECT b, g, u.i, sum(u.c) AS c"
                + " FROM r, unnest(r.latency_idx, r.latency_cnt) AS u(i, c) GROUP BY b, g, u.i) x"
                + " GROUP BY b, g)"
                + " SELECT sums.*, hist.idx, hist.cnt FROM sums LEFT JOIN hist USING (b, g) ORDER BY b, g LIMIT "
                + (MAX_ROWS + 1);
        boolean none = query.bucket() == UsageQuery.Bucket.NONE;
        // Enough memory for the aggregation to hash in memory rather than sort on disk (this transaction only).
        return inTransaction(tx -> {
            tx.execute("SET LOCAL work_mem = '" + QUERY_WORK_MEM + "'");
            tx.execute("SET LOCAL statement_timeout = '" + QUERY_TIMEOUT + "'");
            return tx.query(
                    sql,
                    (rs, n) -> new UsageRow(
                            none ? null : rs.getTimestamp("b").toInstant(),
                            rs.getString("g"),
                            rs.getLong("requests"),
                            rs.getLong("errors"),
                            rs.getLong("input_tokens"),
                            rs.getLong("output_tokens"),
                            rs.getBigDecimal("cost_usd").stripTrailingZeros(),
                            histogram(rs),
                            rs.getLong("cache_hits"),
                            rs.getBigDecimal("cache_saved_usd").stripTrailingZeros()),
                    args.toArray());
        });
    }

    /**
     * Runs {@code work} in one transaction on one pooled connection; every failure (no connection, a statement, the
     * commit) comes out as a {@link org.springframework.dao.DataAccessException}, after a rollback.
     */
    private <T> T inTransaction(java.util.function.Function<JdbcTemplate, T> work) {
        return jdbc.execute((ConnectionCallback<T>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                T result = work.apply(new JdbcTemplate(new SingleConnectionDataSource(con, true)));
                con.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                try {
                    con.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    con.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // a broken connection: the pool drops it
                }
            }
        });
    }

    private static LatencyHistogram histogram(ResultSet rs) throws SQLException {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        Array idx = rs.getArray("idx");
        Array cnt = rs.getArray("cnt");
        if (idx != null && cnt != null) {
            Object[] i = (Object[]) idx.getArray();
            Object[] c = (Object[]) cnt.getArray();
            for (int k = 0; k < i.length; k++) {
                int bucket = ((Number) i[k]).intValue();
                if (bucket >= 0 && bucket < counts.length) {
                    counts[bucket] += ((Number) c[k]).longValue();
                }
            }
        }
        return LatencyHistogram.of(counts);
    }

    /** The request log's columns but its content (messages and answer): what a page of the list reads. */
    private static final String LIST_COLUMNS = "id, started_at, key_id, model, route, stream, skills, experts,"
            + " aggregator, status, error_kind, error_code, latency_ms, input_tokens, output_tokens, cost_usd, trace_id,"
            + " cache, cache_similarity";

    /** The logged requests {@code search} matches, newest first, without their content (messages and answer). */
    public RequestPage requests(RequestSearch search) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + LIST_COLUMNS + " FROM " + requests + " WHERE started_at >= ? AND started_at < ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(search.from()), Timestamp.from(search.to())));
        if (search.keyId() != null) {
            sql.append(" AND key_id = ?");
            args.add(search.keyId());
        }
        if (search.expert() != null) {
            sql.append(" AND expert_ids @> ARRAY[?]::text[]");
            args.add(search.expert());
        }
        if (search.status() != null) {
            sql.append(" AND status = ?");
            args.add(search.status());
        }
        if (search.before() != null) {
            sql.append(" AND (started_at, id) < (?, ?)");
            args.add(Timestamp.from(search.before().startedAt()));
            args.add(search.before().id());
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        args.add(search.limit() + 1);
        List<LoggedRequest> found = jdbc.query(sql.toString(), (rs, n) -> request(rs, false), args.toArray());
        boolean more = found.size() > search.limit();
        return new RequestPage(more ? found.subList(0, search.limit()) : found, more);
    }

    /** The logged request {@code id}, with its content when captured. */
    public Optional<LoggedRequest> request(String id) {
        return jdbc.query("SELECT * FROM " + requests + " WHERE id = ?", (rs, n) -> request(rs, true), id).stream()
                .findFirst();
    }

    private LoggedRequest request(ResultSet rs, boolean content) throws SQLException {
        List<CoeTrace.SkillScore> skills = new ArrayList<>();
        json.readTree(rs.getString("skills"))
                .forEach(s -> skills.add(new CoeTrace.SkillScore(
                        s.path("id").asString(), s.path("score").asDouble())));
        List<LoggedRequest.ExpertOutcome> experts = new ArrayList<>();
        json.readTree(rs.getString("experts"))
                .forEach(e -> experts.add(new LoggedRequest.ExpertOutcome(
                        e.path("id").asString(), e.path("status").asString(), text(e.path("error")))));
        String messagesJson = content ? rs.getString("messages") : null;
        List<LoggedRequest.Message> messages = null;
        if (messagesJson != null) {
            messages = new ArrayList<>();
            for (JsonNode m : json.readTree(messagesJson)) {
                messages.add(new LoggedRequest.Message(text(m.path("role")), text(m.path("content"))));
            }
        }
        return new LoggedRequest(
                rs.getString("id"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getString("key_id"),
                rs.getString("model"),
                rs.getString("route"),
                rs.getBoolean("stream"),
                List.copyOf(skills),
                List.copyOf(experts),
                rs.getString("aggregator"),
                rs.getString("status"),
                rs.getString("error_kind"),
                rs.getString("error_code"),
                rs.getObject("latency_ms") == null ? null : rs.getDouble("latency_ms"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getBigDecimal("cost_usd").stripTrailingZeros(),
                rs.getString("trace_id"),
                messages == null ? null : List.copyOf(messages),
                content ? rs.getString("answer") : null,
                rs.getString("cache"),
                similarity(rs.getObject("cache_similarity")));
    }

    /** A {@code real} column as the double it was written from (its float's shortest decimal), or null. */
    private static Double similarity(Object value) {
        return value == null ? null : Double.valueOf(Float.toString(((Number) value).floatValue()));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    /**
     * Deletes hourly rollups of hours before {@code before} and daily rollups of days before its day, {@code batch}
     * rows a statement; returns how many.
     */
    long purgeRollups(Instant before, int batch) {
        return purge(rollups, "hour", before, batch) + purge(daily, "day", before.truncatedTo(ChronoUnit.DAYS), batch);
    }

    /** Forgets the ids of batches written before {@code before}; returns how many. */
    long purgeBatches(Instant before, int batch) {
        return purge(batches, "written_at", before, batch);
    }

    /** Deletes logged requests started before {@code before}, {@code batch} rows a statement; returns how many. */
    long purgeRequests(Instant before, int batch) {
        return purge(requests, "started_at", before, batch);
    }

    private long purge(String table, String column, Instant before, int batch) {
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE " + column
                + " < ? LIMIT ?))";
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update(sql, Timestamp.from(before), batch);
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    /** The raw template, for tests. */
    JdbcTemplate jdbc() {
        return jdbc;
    }
}
