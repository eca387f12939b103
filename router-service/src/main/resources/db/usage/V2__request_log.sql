-- The request log (coe.usage.request-log.enabled): one row per chat completion, newest first by (started_at, id).
-- messages and answer are null unless coe.usage.request-log.capture-content is set.
CREATE TABLE request_log (
    id            text             PRIMARY KEY,
    started_at    timestamptz      NOT NULL,
    key_id        text             NOT NULL,
    model         text             NOT NULL,
    route         text,
    stream        boolean          NOT NULL,
    skills        jsonb            NOT NULL,
    experts       jsonb            NOT NULL,
    expert_ids    text[]           NOT NULL,
    aggregator    text,
    status        text             NOT NULL,
    error_kind    text,
    error_code    text,
    latency_ms    double precision NOT NULL,
    input_tokens  bigint           NOT NULL,
    output_tokens bigint           NOT NULL,
    cost_usd      numeric(30, 12)  NOT NULL,
    trace_id      text,
    messages      jsonb,
    answer        text
);
CREATE INDEX request_log_newest ON request_log (started_at DESC, id DESC);
CREATE INDEX request_log_key ON request_log (key_id, started_at DESC, id DESC);
CREATE INDEX request_log_experts ON request_log USING gin (expert_ids);
