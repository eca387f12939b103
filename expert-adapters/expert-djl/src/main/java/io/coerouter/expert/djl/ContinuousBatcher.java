package io.coerouter.expert.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model's running batch, scheduled per iteration (as Orca and vLLM do): between two decoding steps, rows
 * that finished or whose caller left are dropped from the KV cache, and waiting rows (up to the model's maximum batch
 * size) join: prefilled together, left-padded among themselves, then merged into the running cache. Every row keeps its
 * own positions; the time axis is right-aligned (each row's tokens are the last {@code cached} columns, masked 1, the
 * rest 0), padded on the left when a longer joiner arrives and cut when leading columns are masked for every row. A
 * row's greedy output is therefore the same whether it runs alone, in a batch, or joins one mid-way.
 *
 * <p>The loop runs on its own thread while there are rows. It uses the model only while some caller whose row runs or
 * waits holds a lease on it (each call leases the model until its outcomes are in its inbox, and the outcomes of the
 * last rows are handed over only after the batch's arrays are closed), so the pool cannot unload it mid-generation,
 * and an idle model can be evicted as soon as its last call returns. A failing forward pass fails every row in it with {@code SERVER_ERROR}; rows waiting to
 * join are then run by a fresh batch.
 */
final class ContinuousBatcher {

    private static final Logger log = LoggerFactory.getLogger(ContinuousBatcher.class);

    private final CausalLm lm;
    private final int maxRows;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Row> waiting = new ArrayDeque<>();
    private boolean running;

    /** The running batch (loop thread only): rows in KV order, and the cache of all of them. */
    private final List<Row> active = new ArrayList<>();

    /** Rows that left (finished, failed or cancelled) whose callers have not had their outcome yet (loop thread). */
    private final List<Row> undelivered = new ArrayList<>();

    private NDArray keys;
    private NDArray values;
    private int width;
    private volatile int peakRows;
    private long[] ids = new long[64];
    private long[] positions = new long[64];
    private long[] mask = new long[64];

    ContinuousBatcher(CausalLm lm, int maxRows) {
        this.lm = lm;
        this.maxRows = maxRows;
    }

    /** The most rows one decoding step of this model has run. */
    int peakRows() {
        return peakRows;
    }

    /**
     * Queues {@code rows} to join the running batch at its next step, starting the loop if none runs. The caller holds
     * a lease on the model until every row's outcome is in its inbox.
     */
    void submit(List<Row> rows) {
        lock.lock();
        try {
            waiting.addAll(rows);
            if (running) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("coe-batch-" + lm.manifest().name()).start(this::loop);
    }

    private void loop() {
        while (true) {
            try (NDManager manager = lm.newManager()) {
                while (step(manager)) {
                    // next step
                }
            } catch (Throwable t) {
                // Not even a manager: whatever runs or waits fails rather than hanging its caller.
                log.warn(
                        "the running batch of model '{}' stopped: {}",
                        lm.manifest().name(),
                        t.toString());
                lock.lock();
                try {
                    failAll(active, t);
                    failAll(new ArrayList<>(waiting), t);
                    undelivered.addAll(active);
                    undelivered.addAll(waiting);
                    waiting.clear();
                } finally {
                    lock.unlock();
                }
            }
            active.clear();
            keys = null;
            values = null;
            width = 0;
            // Every array of this batch is closed: the last callers may now have their answers and release the model.
            undelivered.forEach(Row::deliver);
            undelivered.clear();
            // Rows that came while the batch was closing start it again; only then may another thread run it.
            lock.lock();
            try {
                if (waiting.isEmpty()) {
                    running = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Hands finished rows their outcomes while some caller whose row is still running or waiting holds a lease on the
     * model (so releasing theirs cannot unload it under this loop); otherwise they wait for the batch to close.
     */
    private void deliver() {
        if (undelivered.isEmpty()) {
            return;
        }
        boolean held = active.stream().anyMatch(r -> !r.leaving());
        if (!held) {
            lock.lock();
            try {
                held = waiting.stream().anyMatch(r -> !r.leaving());
            } finally {
                lock.unlock();
            }
        }
        if (held) {
            undelivered.forEach(Row::deliver);
            undelivered.clear();
        }
    }

    /** One iteration: rows leave, rows join, one decoding step. Returns false when there is nothing left to run. */
    private boolean step(NDManager manager) {
        long t0 = System.nanoTime();
        leave(manager);
        List<Row> joining = new ArrayList<>();
        lock.lock();
        try {
            // Callers that left while waiting get their rows back at once, not when a place frees.
            waiting.removeIf(r -> r.leaving() && undelivered.add(r));
            while (active.size() + joining.size() < maxRows && !waiting.isEmpty()) {
                Row row = waiting.pollFirst();
                if (!row.leaving()) {
                    joining.add(row);
                } else {
                    undelivered.add(row);
                }
            }
            if (active.isEmpty() && joining.isEmpty()) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        GenerationProfile.kv(System.nanoTime() - t0);
        if (!joining.isEmpty()) {
            try {
                join(manager, joining);
            } catch (RuntimeException | LinkageError e) {
                fail(joining, e);
                undelivered.addAll(joining);
                deliver();
                return true;
            }
            leave(manager);
        }
        if (!active.isEmpty()) {
            try {
                decode(manager);
            } catch (RuntimeException | LinkageError e) {
                fail(active, e);
                undelivered.addAll(active);
                drop();
            }
        }
        deliver();
        return true;
    }

    /** Prefills {@code joining} as one left-padded group and merges its cache into the running one. */
    private void join(NDManager manager, List<Row> joining) {
        long t0 = System.nanoTime();
        int rows = joining.size();
        int w = joining.stream().mapToInt(r -> r.prompt.length).max().orElseThrow();
        ensure(rows * w);
        long pad = lm.manifest().padId();
        for (int b = 0; b < rows; b++) {
            long[] prompt = joining.get(b).prompt;
            int offset = w - prompt.length;
            for (int t = 0; t < w; t++) {
                int at = b * w + t;
                boolean real = t >= offset;
                ids[at] = real ? prompt[t - offset] : pad;
                positions[at] = real ? t - offset : 0;
                mask[at] = real ? 1 : 0;
            }
        }
        NDList out;
        NDArray emptyKeys = null;
        NDArray emptyValues = null;
        try {
            emptyKeys = lm.emptyPast(manager, rows);
            emptyValues = lm.emptyPast(manager, rows);
            out = lm.forward(manager, rows, w, ids, positions, w, mask, emptyKeys, emptyValues);
        } finally {
            close(emptyKeys);
            close(emptyValues);
        }
        NDArray newKeys = out.get(1);
        NDArray newValues = out.get(2);
        // Whether the joiners' cache became the running one; if not, it is closed here on every path.
        boolean adopted = false;
        try {
            float[] logits;
            try {
                logits = out.get(0).toFloatArray();
            } finally {
                out.get(0).close();
            }
            long t1 = System.nanoTime();
            GenerationProfile.prefill(t1 - t0, rows);
            sampleAll(joining, logits);
            long t2 = System.nanoTime();
            GenerationProfile.sample(t2 - t1);
            if (active.isEmpty()) {
                keys = newKeys;
                values = newValues;
                width = w;
                adopted = true;
            } else {
                // Merged into new arrays first: a failure leaves the running cache as it was, only the joiners fail.
                int merged = Math.max(width, w);
                NDArray mergedKeys = mergeRows(manager, keys, width, newKeys, w, merged);
                NDArray mergedValues;
                try {
                    mergedValues = mergeRows(manager, values, width, newValues, w, merged);
                } catch (RuntimeException | LinkageError e) {
                    mergedKeys.close();
                    throw e;
                }
                keys.close();
                values.close();
                keys = mergedKeys;
                values = mergedValues;
                width = merged;
            }
            for (Row row : joining) {
                row.cached = row.prompt.length;
            }
            active.addAll(joining);
            GenerationProfile.kv(System.nanoTime() - t2);
        } finally {
            if (!adopted) {
                newKeys.close();
                newValues.close();
            }
        }
    }

    /**
     * {@code a} and {@code b} stacked on the batch axis, each left-padded on the time axis to {@code merged}, as a new
     * array: {@code a} and {@code b} stay open (the caller's), and every intermediate array is closed on every path.
     */
    private static NDArray mergeRows(NDManager manager, NDArray a, int aWidth, NDArray b, int bWidth, int merged) {
        NDArray left = null;
        NDArray right = null;
        try {
            left = padLeft(manager, a, aWidth, merged);
            right = padLeft(manager, b, bWidth, merged);
            return left.concat(right, 1);
        } finally {
            if (left != a) {
                close(left);
            }
            if (right != b) {
                close(right);
            }
        }
    }

    /** {@code a} left-padded with zeros to {@code to} columns: {@code a} itself when it has them, else a new array. */
    private static NDArray padLeft(NDManager manager, NDArray a, int from, int to) {
        if (from == to) {
            return a;
        }
        Shape s = a.getShape();
        try (NDArray zeros =
                manager.zeros(new Shape(s.get(0), s.get(1), s.get(2), to - from, s.get(4)), DataType.FLOAT32)) {
            return zeros.concat(a, 3);
        }
    }

    private static void close(NDArray a) {
        if (a != null) {
            a.close();
        }
    }

    /** One decoding step for every active row: each feeds its last token at its own next position. */
    private void decode(NDManager manager) {
        long t0 = System.nanoTime();
        int rows = active.size();
        peakRows = Math.max(peakRows, rows);
        int maskWidth = width + 1;
        ensure(rows * maskWidth);
        for (int b = 0; b < rows; b++) {
            Row row = active.get(b);
            ids[b] = row.next;
            positions[b] = row.cached;
            int base = b * maskWidth;
            int firstReal = maskWidth - row.cached - 1;
            java.util.Arrays.fill(mask, base, base + firstReal, 0);
            java.util.Arrays.fill(mask, base + firstReal, base + maskWidth, 1);
        }
        NDList out = lm.forward(manager, rows, 1, ids, positions, maskWidth, mask, keys, values);
        // The new cache replaces the old at once, so a failure below leaves only open arrays that drop() closes.
        keys.close();
        values.close();
        keys = out.get(1);
        values = out.get(2);
        width = maskWidth;
        for (Row row : active) {
            row.cached++;
        }
        float[] logits;
        try {
            logits = out.get(0).toFloatArray();
        } finally {
            out.get(0).close();
        }
        long t1 = System.nanoTime();
        GenerationProfile.decode(t1 - t0, rows);
        sampleAll(active, logits);
        GenerationProfile.sample(System.nanoTime() - t1);
    }

    private void sampleAll(List<Row> rows, float[] logits) {
        int stride = logits.length / rows.size();
        int vocab = Math.min(stride, lm.manifest().vocabSize());
        for (int b = 0; b < rows.size(); b++) {
            Row row = rows.get(b);
            row.accept(row.sample(logits, b * stride, vocab), lm);
        }
    }

    /** Drops the rows that finished or whose caller left, and the leading columns no remaining row uses. */
    private void leave(NDManager manager) {
        List<Row> kept = new ArrayList<>(active.size());
        int keptWidth = 0;
        for (Row row : active) {
            if (!row.leaving()) {
                kept.add(row);
                keptWidth = Math.max(keptWidth, row.cached);
            } else {
                undelivered.add(row);
            }
        }
        if (kept.isEmpty()) {
            drop();
            return;
        }
        if (kept.size() == active.size() && keptWidth == width) {
            return;
        }
        int cut = width - keptWidth;
        keys = keepRows(keys, cut);
        values = keepRows(values, cut);
        width = keptWidth;
        active.clear();
        active.addAll(kept);
    }

    /** The rows of {@code kv} that stay (contiguous runs copied at once), without the first {@code cut} columns. */
    private NDArray keepRows(NDArray kv, int cut) {
        NDList pieces = new NDList();
        int b = 0;
        while (b < active.size()) {
            if (active.get(b).leaving()) {
                b++;
                continue;
            }
            int end = b;
            while (end < active.size() && !active.get(end).leaving()) {
                end++;
            }
            pieces.add(kv.get(":, {}:{}, :, {}:, :", b, end, cut));
            b = end;
        }
        NDArray result = pieces.size() == 1 ? pieces.getFirst() : NDArrays.concat(pieces, 1);
        if (pieces.size() > 1) {
            pieces.close();
        }
        kv.close();
        return result;
    }

    private void drop() {
        for (Row row : active) {
            if (row.leaving() && !undelivered.contains(row)) {
                undelivered.add(row);
            }
        }
        if (keys != null) {
            keys.close();
            values.close();
        }
        keys = null;
        values = null;
        width = 0;
        active.clear();
    }

    private void fail(List<Row> rows, Throwable e) {
        log.warn(
                "a forward pass of model '{}' failed for {} rows", lm.manifest().name(), rows.size(), e);
        failAll(rows, e);
    }

    private static void failAll(List<Row> rows, Throwable e) {
        for (Row row : rows) {
            // The engine's text can name host files: it goes to the log above, not to the client.
            row.fail(ExpertOutcome.of(ExpertException.of(
                    row.inbox.expertId(),
                    ExpertErrorKind.SERVER_ERROR,
                    "the local model's forward pass failed (" + e.getClass().getSimpleName() + ")",
                    null)));
        }
    }

    private void ensure(int size) {
        if (ids.length < size) {
            int grown = Math.max(size, ids.length * 2);
            ids = new long[grown];
            positions = new long[grown];
            mask = new long[grown];
        }
    }
}
