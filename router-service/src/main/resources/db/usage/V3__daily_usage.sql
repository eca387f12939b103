-- Daily usage rollups: the hourly rows added up per UTC day, so that queries by day or over a whole range read a
-- 24th of the rows for the days they cover entirely. Written with the hourly rows in the same transaction; filled
-- here from the hourly rows already there.
CREATE TABLE usage_daily (
    day           timestamptz     NOT NULL,
    key_id        text            NOT NULL,
    expert        text            NOT NULL,
    skill         text            NOT NULL,
    model         text            NOT NULL,
    requests      bigint          NOT NULL,
    errors        bigint          NOT NULL,
    input_tokens  bigint          NOT NULL,
    output_tokens bigint          NOT NULL,
    cost_usd      numeric(30, 12) NOT NULL,
    latency_idx   smallint[]      NOT NULL,
    latency_cnt   bigint[]        NOT NULL,
    PRIMARY KEY (day, key_id, expert, skill, model)
);

WITH sums AS (
    SELECT date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day, key_id, expert, skill, model,
           sum(requests) AS requests, sum(errors) AS errors, sum(input_tokens) AS input_tokens,
           sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd
    FROM usage_hourly GROUP BY 1, 2, 3, 4, 5),
hist AS (
    SELECT day, key_id, expert, skill, model, array_agg(i ORDER BY i) AS idx, array_agg(c ORDER BY i) AS cnt
    FROM (SELECT date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day, key_id, expert, skill, model,
                 u.i, sum(u.c)::bigint AS c
          FROM usage_hourly, unnest(latency_idx, latency_cnt) AS u(i, c) GROUP BY 1, 2, 3, 4, 5, 6) x
    GROUP BY 1, 2, 3, 4, 5)
INSERT INTO usage_daily
SELECT sums.*, coalesce(hist.idx, '{}'), coalesce(hist.cnt, '{}')
FROM sums LEFT JOIN hist USING (day, key_id, expert, skill, model);
