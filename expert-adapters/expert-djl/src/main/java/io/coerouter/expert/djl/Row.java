package io.coerouter.expert.djl;

import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One prompt's generation state. The batcher's loop advances it ({@link #accept} per sampled token) and hands its text
 * and its outcome to the caller's {@link Inbox}; the caller only reads the inbox and may {@link #cancel} it.
 */
final class Row {

    final Inbox inbox;
    final int index;
    final long[] prompt;
    private final int maxNew;
    private final Double temperature;
    private final Double topP;
    private final Random random;
    private final List<String> stops;
    private final int holdBack;
    private final long eos;
    private final boolean streaming;
    private long[] generated = new long[32];
    private int count;
    private final StringBuilder text = new StringBuilder();
    private int emitted;
    /** Incremental detokenisation: the text of {@code generated[prefixOffset, readOffset)} is already in the text. */
    private int prefixOffset;

    private int readOffset;
    private boolean done;
    private volatile boolean cancelled;
    private ExpertOutcome outcome;
    private boolean delivered;

    /** Loop state: tokens of this row in the KV cache, and the token to feed next. */
    int cached;

    long next;

    Row(Inbox inbox, int index, long[] prompt, ExpertRequest request, boolean streaming, ModelManifest manifest) {
        this.inbox = inbox;
        this.index = index;
        this.prompt = prompt;
        int room = manifest.maxContext() - prompt.length;
        this.maxNew = request.maxTokens() == null ? room : Math.min(request.maxTokens(), room);
        this.temperature = request.temperature();
        this.topP = request.topP();
        this.random = request.seed() == null ? new Random() : new Random(request.seed());
        List<String> all = new ArrayList<>(manifest.stop());
        all.addAll(request.stop());
        this.stops = List.copyOf(all);
        this.holdBack = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
        this.eos = manifest.eosId();
        this.streaming = streaming;
    }

    /** Whether the row has finished (its outcome is in the inbox) or its caller left: it leaves at the next step. */
    boolean leaving() {
        return done || cancelled;
    }

    /** The caller no longer waits: the loop drops the row at its next step. */
    void cancel() {
        cancelled = true;
    }

    long sample(float[] logits, int offset, int vocab) {
        if (temperature == null || temperature == 0) {
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (logits[offset + v] > logits[offset + best]) {
                    best = v;
                }
            }
            return best;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double[] p = new double[vocab];
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            p[v] = Math.exp((logits[offset + v] - max) / temperature);
            sum += p[v];
        }
        Integer[] order = new Integer[vocab];
        for (int v = 0; v < vocab; v++) {
            order[v] = v;
            p[v] /= sum;
        }
        double mass = topP == null ? 1.0 : topP;
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double kept = 0;
        int cut = 0;
        while (cut < vocab && (kept < mass || cut == 0)) {
            kept += p[order[cut++]];
        }
        double draw = random.nextDouble() * kept;
        for (int i = 0; i < cut; i++) {
            draw -= p[order[i]];
            if (draw <= 0) {
                return order[i];
            }
        }
        return order[cut - 1];
    }

    /** Takes the sampled {@code token}: ends the row on end of sequence, a stop sequence or its limit; streams text. */
    void accept(long token, CausalLm lm) {
        next = token;
        if (token == eos) {
            finishWith(FinishReason.STOP);
            return;
        }
        if (count == generated.length) {
            generated = Arrays.copyOf(generated, count * 2);
        }
        generated[count++] = token;
        boolean last = count >= maxNew;
        int before = text.length();
        // Only the last few tokens are decoded (O(1) a step, not the whole answer): the text of the window minus the
        // text of its already-counted part is what the new token adds, kept back while it ends in a partial character.
        String known = lm.decode(generated, prefixOffset, readOffset);
        String window = lm.decode(generated, prefixOffset, count);
        if (window.length() > known.length() && (last || !window.endsWith("\uFFFD"))) {
            text.append(window, known.length(), window.length());
            prefixOffset = readOffset;
            readOffset = count;
        }
        int stopAt = -1;
        for (String stop : stops) {
            // Earlier text held no stop sequence, so one can only end in what was just added.
            int at = text.indexOf(stop, Math.max(0, before - stop.length() + 1));
            if (at >= 0 && (stopAt < 0 || at < stopAt)) {
                stopAt = at;
            }
        }
        if (stopAt >= 0) {
            text.setLength(stopAt);
            finishWith(FinishReason.STOP);
            return;
        }
        if (last) {
            finishWith(FinishReason.LENGTH);
            return;
        }
        // Hold back what could be the start of a stop sequence.
        emitUpTo(text.length() - holdBack);
    }

    /** Ends the row with {@code reason}: the rest of its text is streamed; its answer waits for {@link #deliver}. */
    private void finishWith(FinishReason reason) {
        done = true;
        emitUpTo(text.length());
        outcome = ExpertOutcome.of(
                ExpertResponse.of(inbox.expertId(), text.toString(), reason, new TokenUsage(prompt.length, count)));
    }

    /** Ends the row with {@code failure}: nothing more is streamed. */
    void fail(ExpertOutcome failure) {
        if (!done) {
            done = true;
            outcome = failure;
        }
    }

    /**
     * Hands the row's outcome to its caller (once), who may then release the model: the loop calls it only while other
     * callers' rows keep the model leased, or after it has released every array of its own.
     */
    void deliver() {
        if (delivered) {
            return;
        }
        delivered = true;
        inbox.finish(
                index,
                outcome != null
                        ? outcome
                        : ExpertOutcome.of(io.coerouter.expert.ExpertException.of(
                                inbox.expertId(),
                                io.coerouter.expert.ExpertErrorKind.CANCELLED,
                                "the caller left",
                                null)));
    }

    private void emitUpTo(int end) {
        if (end > emitted && streaming) {
            inbox.token(index, text.substring(emitted, end));
        }
        emitted = Math.max(emitted, end);
    }
}
