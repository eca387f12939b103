package io.coerouter.router.feedback;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link FeedbackStore} in this process's memory: one router, no sharing; at most {@code max} completions. */
final class InMemoryFeedbackStore implements FeedbackStore {

    private final int max;
    private final Clock clock;
    /** In the order remembered, so the oldest are forgotten first. */
    private final LinkedHashMap<String, CompletionRecord> completions = new LinkedHashMap<>();

    private final Map<String, AppliedFeedback> applied = new HashMap<>();
    private final Map<FeedbackKey, FeedbackCounts> overlay = new LinkedHashMap<>();

    InMemoryFeedbackStore(int max, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, but was " + max);
        }
        this.max = max;
        this.clock = clock;
    }

    @Override
    public synchronized boolean remember(CompletionRecord record) {
        forgetExpired();
        if (completions.containsKey(record.id()) || expired(record)) {
            return false;
        }
        completions.put(record.id(), record);
        Iterator<String> oldest = completions.keySet().iterator();
        while (completions.size() > max) {
            applied.remove(oldest.next());
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized Optional<CompletionRecord> find(String id) {
        CompletionRecord record = completions.get(id);
        return record == null || expired(record) ? Optional.empty() : Optional.of(record);
    }

    @Override
    public synchronized Applied apply(
            CompletionRecord record, List<Contribution> next, long nowMillis, long halfLifeMillis) {
        AppliedFeedback previous = applied.get(record.id());
        Map<FeedbackKey, FeedbackCounts> totals =
                FeedbackRule.apply(overlay::get, previous, next, nowMillis, halfLifeMillis);
        totals.forEach((key, counts) -> {
            if (counts.negligible()) {
                overlay.remove(key);
            } else {
                overlay.put(key, counts);
            }
        });
        applied.put(record.id(), new AppliedFeedback(nowMillis, next));
        return new Applied(previous != null, totals);
    }

    @Override
    public synchronized Map<FeedbackKey, FeedbackCounts> overlay() {
        return Map.copyOf(overlay);
    }

    @Override
    public synchronized void clear() {
        overlay.clear();
        applied.clear();
    }

    private boolean expired(CompletionRecord record) {
        return !clock.instant().isBefore(record.expires());
    }

    /** Drops expired completions from the oldest on (they were remembered in about the order they expire). */
    private void forgetExpired() {
        Iterator<Map.Entry<String, CompletionRecord>> it =
                completions.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, CompletionRecord> oldest = it.next();
            if (!expired(oldest.getValue())) {
                return;
            }
            applied.remove(oldest.getKey());
            it.remove();
        }
    }
}
