package io.coerouter.router.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Ids seen lately: each is kept for a while, and at most a bounded number of them (the oldest go first). */
final class RecentIds {

    private final int capacity;
    private final long keepMillis;
    private final Clock clock;
    /** Id to when it is forgotten (epoch milliseconds), oldest first. */
    private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>();

    RecentIds(int capacity, Duration keep, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.keepMillis = keep.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized void add(String id) {
        long now = clock.millis();
        ids.remove(id);
        ids.put(id, now + keepMillis);
        Iterator<Map.Entry<String, Long>> oldest = ids.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (ids.size() <= capacity && entry.getValue() > now) {
                break;
            }
            oldest.remove();
        }
    }

    synchronized boolean contains(String id) {
        Long until = ids.get(id);
        return until != null && until > clock.millis();
    }
}
