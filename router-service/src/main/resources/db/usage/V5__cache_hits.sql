-- Answers from the response cache (io.coerouter.router.cache): on the request rows (expert ''), how many requests were
-- answered from the cache and what their answers cost when they were made (what the hits saved); a hit itself counts
-- no tokens and no cost. Rows written before this migration count none.
ALTER TABLE usage_hourly
    ADD COLUMN cache_hits      bigint          NOT NULL DEFAULT 0,
    ADD COLUMN cache_saved_usd numeric(30, 12) NOT NULL DEFAULT 0;
ALTER TABLE usage_daily
    ADD COLUMN cache_hits      bigint          NOT NULL DEFAULT 0,
    ADD COLUMN cache_saved_usd numeric(30, 12) NOT NULL DEFAULT 0;

-- A logged request answered from the cache: how it matched (exact or semantic) and the cosine similarity of its
-- question to the cached one (1 for an exact match); both null for a request the cache did not answer.
ALTER TABLE request_log
    ADD COLUMN cache            text,
    ADD COLUMN cache_similarity real;
