package io.coerouter.router.telemetry;

import java.util.List;

/**
 * The live figures of a window, summed over every replica.
 *
 * @param window the window
 * @param buckets one per minute, oldest first, the last the minute under way
 */
public record Overview(Window window, List<Bucket> buckets) {

    public Overview {
        buckets = List.copyOf(buckets);
    }

    /** One minute's counts; {@code start} in epoch seconds. */
    public record Bucket(long start, BucketCounts counts) {}

    /** The whole window's counts. */
    public BucketCounts total() {
        BucketCounts total = BucketCounts.EMPTY;
        for (Bucket b : buckets) {
            total = total.plus(b.counts());
        }
        return total;
    }
}
