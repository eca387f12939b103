-- Hourly usage rollups (io.coerouter.router.usage). One row per hour, API key, expert, top skill and model:
-- expert '' is the request as a whole (requests, errors, tokens, cost, request latency), any other expert one
-- expert's calls. Latencies are counted in the router's fixed log buckets (telemetry.LatencyHistogram: 70 buckets,
-- four per doubling from 1 ms), kept sparse: latency_idx the buckets (0-69, ascending) that counted any latency,
-- latency_cnt their counts. Rows add up bucket by bucket, so percentiles can be computed after merging rows.
CREATE TABLE usage_hourly (
    hour          timestamptz     NOT NULL,
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
    PRIMARY KEY (hour, key_id, expert, skill, model)
);
