package io.coerouter.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Files and BatchProperties APIs.
 *
 * @param maxFileSize the largest file {@code POST /v1/files} accepts; larger ones get HTTP 413
 * @param maxRequests the most requests (lines) in one batch input file
 * @param concurrentBatches batches run at once; later ones wait as {@code validating}
 * @param aggregationParallelism lines aggregated at once in a batch's aggregation stage
 * @param lease how long a router's claim on a running batch or admin job lasts without renewal (renewed every
 *     third of it); past it, another router resumes the batch or marks the admin job failed
 * @param maxStoredBytes the most bytes all files together may hold; an upload past it gets HTTP 429
 * @param maxKeyBytes the most bytes one API key's files may hold; an upload past it gets HTTP 429
 * @param maxKeyFiles the most files one API key may hold; an upload past it gets HTTP 429
 * @param maxConcurrentUploads uploads this router receives at once; more get HTTP 429 with Retry-After
 * @param maxConcurrentUploadsPerKey uploads one API key sends this router at once (at most {@code
 *     maxConcurrentUploads}); more get HTTP 429 with Retry-After. Uploads without a key (auth off)
 *     are one owner and only {@code maxConcurrentUploads} applies to them
 * @param uploadTimeout how long one upload may take to arrive; past it the upload is cut off with HTTP 408, nothing
 *     kept and its place freed (a client that sends nothing at all is cut off by {@code
 *     server.tomcat.connection-timeout})
 */
public record BatchProperties(
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("50000") int maxRequests,
        @DefaultValue("1") int concurrentBatches,
        @DefaultValue("32") int aggregationParallelism,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("512MB") DataSize maxStoredBytes,
        @DefaultValue("200MB") DataSize maxKeyBytes,
        @DefaultValue("100") int maxKeyFiles,
        @DefaultValue("4") int maxConcurrentUploads,
        @DefaultValue("2") int maxConcurrentUploadsPerKey,
        @DefaultValue("2m") Duration uploadTimeout) {

    public BatchProperties {
        if (maxConcurrentUploadsPerKey <= 0) {
            throw new IllegalArgumentException(
                    "coe.batch.max-concurrent-uploads-per-key must be > 0, but was " + maxConcurrentUploadsPerKey);
        }
        if (uploadTimeout == null || uploadTimeout.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "coe.batch.upload-timeout must be at least 100ms, but was " + uploadTimeout);
        }
        if (maxStoredBytes == null || maxStoredBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("coe.batch.max-stored-bytes must be > 0, but was " + maxStoredBytes);
        }
        if (maxKeyBytes == null || maxKeyBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("coe.batch.max-key-bytes must be > 0, but was " + maxKeyBytes);
        }
        if (maxKeyFiles <= 0) {
            throw new IllegalArgumentException("coe.batch.max-key-files must be > 0, but was " + maxKeyFiles);
        }
        if (maxConcurrentUploads <= 0) {
            throw new IllegalArgumentException(
                    "coe.batch.max-concurrent-uploads must be > 0, but was " + maxConcurrentUploads);
        }
        if (maxFileSize.toBytes() <= 0) {
            throw new IllegalArgumentException("coe.batch.max-file-size must be > 0, but was " + maxFileSize);
        }
        if (maxRequests <= 0) {
            throw new IllegalArgumentException("coe.batch.max-requests must be > 0, but was " + maxRequests);
        }
        if (concurrentBatches <= 0) {
            throw new IllegalArgumentException(
                    "coe.batch.concurrent-batches must be > 0, but was " + concurrentBatches);
        }
        if (aggregationParallelism <= 0) {
            throw new IllegalArgumentException(
                    "coe.batch.aggregation-parallelism must be > 0, but was " + aggregationParallelism);
        }
        if (lease == null || lease.toMillis() < 300) {
            throw new IllegalArgumentException("coe.batch.lease must be at least 300ms, but was " + lease);
        }
    }
}
