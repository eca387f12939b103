-- The batches the usage writer has written (io.coerouter.router.usage.UsageWriter): each batch has an id kept across
-- retries, inserted in the same transaction as its rollups, so a batch retried after a commit whose acknowledgement
-- was lost is not added twice. Ids older than a day are deleted by the retention job.
CREATE TABLE usage_batches (
    id         uuid        PRIMARY KEY,
    written_at timestamptz NOT NULL
);
CREATE INDEX usage_batches_written_at ON usage_batches (written_at);

-- A Batch API line is not timed (its time includes the batch's queueing): its latency is null.
ALTER TABLE request_log ALTER COLUMN latency_ms DROP NOT NULL;
