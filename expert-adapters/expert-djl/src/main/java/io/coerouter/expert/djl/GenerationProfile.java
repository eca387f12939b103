package io.coerouter.expert.djl;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where local generation time goes, for benchmarks and diagnostics (the figures in docs/benchmarks.md).
 *
 * <p>The sums are <b>process-wide</b>: one set of static counters for every model, batch and thread in this JVM (two
 * benchmarks or tests measuring at once see each other's steps). Nothing is recorded until {@link #enable} or {@link
 * #reset} turns recording on (a benchmark does, before it measures); while off, each decoding step pays one volatile
 * read, and while on, a few {@link LongAdder} additions (no contention between models' loops).
 */
public final class GenerationProfile {

    private static volatile boolean enabled;

    private static final LongAdder PREFILL = new LongAdder();
    private static final LongAdder PREFILLS = new LongAdder();
    private static final LongAdder PREFILL_ROWS = new LongAdder();
    private static final LongAdder DECODE = new LongAdder();
    private static final LongAdder DECODE_STEPS = new LongAdder();
    private static final LongAdder DECODE_ROWS = new LongAdder();
    private static final LongAdder SAMPLE = new LongAdder();
    private static final LongAdder KV = new LongAdder();

    private GenerationProfile() {}

    /**
     * The sums.
     *
     * @param prefillNanos prefill forward passes (input arrays, forward, logits copied out)
     * @param prefills prefill passes (one per group of rows joining at the same step)
     * @param prefillRows rows prefilled
     * @param decodeNanos decoding forward passes (input arrays, forward, logits copied out)
     * @param decodeSteps decoding steps
     * @param decodeRows rows summed over decoding steps (rows / steps = mean running batch)
     * @param sampleNanos sampling, incremental detokenisation and stop checks of every row
     * @param kvNanos dropping leaving rows, merging joiners and compacting the cache, and the join/leave bookkeeping
     */
    public record Snapshot(
            long prefillNanos,
            long prefills,
            long prefillRows,
            long decodeNanos,
            long decodeSteps,
            long decodeRows,
            long sampleNanos,
            long kvNanos) {}

    public static Snapshot snapshot() {
        return new Snapshot(
                PREFILL.sum(),
                PREFILLS.sum(),
                PREFILL_ROWS.sum(),
                DECODE.sum(),
                DECODE_STEPS.sum(),
                DECODE_ROWS.sum(),
                SAMPLE.sum(),
                KV.sum());
    }

    /** Turns recording on for this process, keeping the sums so far. */
    public static void enable() {
        enabled = true;
    }

    /** Turns recording off for this process; the sums stay readable. */
    public static void disable() {
        enabled = false;
    }

    /** Whether steps are being recorded. */
    public static boolean enabled() {
        return enabled;
    }

    static void prefill(long nanos, int rows) {
        if (enabled) {
            PREFILL.add(nanos);
            PREFILLS.increment();
            PREFILL_ROWS.add(rows);
        }
    }

    static void decode(long nanos, int rows) {
        if (enabled) {
            DECODE.add(nanos);
            DECODE_STEPS.increment();
            DECODE_ROWS.add(rows);
        }
    }

    static void sample(long nanos) {
        if (enabled) {
            SAMPLE.add(nanos);
        }
    }

    static void kv(long nanos) {
        if (enabled) {
            KV.add(nanos);
        }
    }

    /** Zeroes every sum and turns recording on (see {@link #enable}): a benchmark calls it before it measures. */
    public static void reset() {
        enabled = true;
        for (LongAdder a :
                new LongAdder[] {PREFILL, PREFILLS, PREFILL_ROWS, DECODE, DECODE_STEPS, DECODE_ROWS, SAMPLE, KV}) {
            a.reset();
        }
    }
}
