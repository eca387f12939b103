package io.coerouter.expert.djl;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where local generation time goes, summed over every model since the last {@link #reset}: for benchmarks and
 * diagnostics (the figures in docs/benchmarks.md), cheap enough to be always on.
 */
public final class GenerationProfile {

    static final LongAdder PREFILL = new LongAdder();
    static final LongAdder PREFILLS = new LongAdder();
    static final LongAdder PREFILL_ROWS = new LongAdder();
    static final LongAdder DECODE = new LongAdder();
    static final LongAdder DECODE_STEPS = new LongAdder();
    static final LongAdder DECODE_ROWS = new LongAdder();
    static final LongAdder SAMPLE = new LongAdder();
    static final LongAdder KV = new LongAdder();

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

    public static void reset() {
        for (LongAdder a :
                new LongAdder[] {PREFILL, PREFILLS, PREFILL_ROWS, DECODE, DECODE_STEPS, DECODE_ROWS, SAMPLE, KV}) {
            a.reset();
        }
    }
}
