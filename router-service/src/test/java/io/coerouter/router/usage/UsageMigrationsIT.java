package io.coerouter.router.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The usage schema's migrations on an empty database and on the previous schema, in a schema of their own. */
class UsageMigrationsIT {

    @Test
    void anEmptyDatabaseGetsEveryTableInItsOwnSchema() {
        try (UsageTestDatabase db = UsageTestDatabase.create()) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            jdbc.execute("CREATE TABLE public.someone_elses (id int)");

            UsageDatabase.migrate(db.dataSource(), "usage_x");

            assertThat(tables(jdbc, "usage_x"))
                    .containsExactlyInAnyOrder(
                            "request_log", "usage_batches", "usage_daily", "usage_hourly", "usage_schema_history");
            assertThat(tables(jdbc, "public")).containsExactly("someone_elses");
            UsageDatabase.migrate(db.dataSource(), "usage_x"); // a second replica starting: nothing to do
            assertThat(jdbc.queryForObject(
                            "SELECT max(version) FROM usage_x.usage_schema_history WHERE success", String.class))
                    .isEqualTo("5");
        }
    }

    @Test
    void thePreviousSchemasRowsSurviveTheMigrationToTheLatest() {
        try (UsageTestDatabase db = UsageTestDatabase.create()) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            UsageDatabase.migrate(db.dataSource(), "coe_usage", "1");
            assertThat(tables(jdbc, "coe_usage")).doesNotContain("request_log");
            jdbc.update("INSERT INTO coe_usage.usage_hourly VALUES ('2026-12-01T10:00:00Z', 'k1', '', 'math', 'coe',"
                    + " 3, 1, 30, 12, 0.25, '{20, 21}', '{2, 1}')");

            UsageDatabase.migrate(db.dataSource(), "coe_usage");

            assertThat(tables(jdbc, "coe_usage"))
                    .contains("request_log", "usage_hourly", "usage_daily", "usage_batches");
            assertThat(jdbc.queryForObject(
                            "SELECT requests || ' ' || latency_idx::text || ' ' || latency_cnt::text"
                                    + " FROM coe_usage.usage_daily WHERE day = '2026-12-01T00:00:00Z' AND key_id = 'k1'",
                            String.class))
                    .as("V3 filled the daily rollups from the hourly rows")
                    .isEqualTo("3 {20,21} {2,1}");
            assertThat(jdbc.queryForList(
                            "SELECT key_id, requests, errors, input_tokens, output_tokens, cost_usd::text AS cost"
                                    + " FROM coe_usage.usage_hourly"))
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.get("key_id")).isEqualTo("k1");
                        assertThat(row.get("requests")).isEqualTo(3L);
                        assertThat(row.get("errors")).isEqualTo(1L);
                        assertThat(row.get("input_tokens")).isEqualTo(30L);
                        assertThat(row.get("output_tokens")).isEqualTo(12L);
                        assertThat(new java.math.BigDecimal((String) row.get("cost")))
                                .isEqualByComparingTo("0.25");
                    });
        }
    }

    @Test
    void aV4DatabasesRowsSurviveV5AndCountNoCacheHits() {
        try (UsageTestDatabase db = UsageTestDatabase.create()) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            UsageDatabase.migrate(db.dataSource(), "coe_usage", "4");
            jdbc.update("INSERT INTO coe_usage.usage_hourly VALUES ('2026-12-01T10:00:00Z', 'k1', '', 'math', 'coe',"
                    + " 3, 1, 30, 12, 0.25, '{20, 21}', '{2, 1}')");
            jdbc.update("INSERT INTO coe_usage.usage_daily VALUES ('2026-12-01T00:00:00Z', 'k1', '', 'math', 'coe',"
                    + " 3, 1, 30, 12, 0.25, '{20, 21}', '{2, 1}')");
            jdbc.update("INSERT INTO coe_usage.request_log (id, started_at, key_id, model, stream, skills, experts,"
                    + " expert_ids, status, latency_ms, input_tokens, output_tokens, cost_usd) VALUES ('r1',"
                    + " '2026-12-01T10:05:00Z', 'k1', 'coe', false, '[]', '[]', '{}', 'ok', 12.5, 30, 12, 0.25)");

            UsageDatabase.migrate(db.dataSource(), "coe_usage");

            for (String table : List.of("usage_hourly", "usage_daily")) {
                assertThat(jdbc.queryForObject(
                                "SELECT requests || ' ' || input_tokens || ' ' || cost_usd::numeric(10, 2) || ' '"
                                        + " || latency_cnt::text || ' ' || cache_hits || ' ' || cache_saved_usd::int"
                                        + " FROM coe_usage." + table,
                                String.class))
                        .as("%s: its row kept, no cache hits", table)
                        .isEqualTo("3 30 0.25 {2,1} 0 0");
            }
            assertThat(jdbc.queryForMap("SELECT id, input_tokens, cache, cache_similarity FROM coe_usage.request_log"))
                    .containsEntry("id", "r1")
                    .containsEntry("input_tokens", 30L)
                    .containsEntry("cache", null)
                    .containsEntry("cache_similarity", null);
            assertThat(jdbc.queryForObject(
                            "SELECT max(version) FROM coe_usage.usage_schema_history WHERE success", String.class))
                    .isEqualTo("5");
        }
    }

    private static List<String> tables(JdbcTemplate jdbc, String schema) {
        return jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name",
                String.class,
                schema);
    }
}
