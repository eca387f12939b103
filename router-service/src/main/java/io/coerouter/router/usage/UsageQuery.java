package io.coerouter.router.usage;

import java.time.Instant;
import java.util.Locale;

/**
 * A question to the hourly rollups: usage in [{@code from}, {@code to}) (by the hour each row counts, {@code from}
 * rounded down to its hour), grouped by {@code groupBy}, per {@code bucket}.
 */
public record UsageQuery(GroupBy groupBy, Bucket bucket, Instant from, Instant to) {

    public UsageQuery {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** How many time buckets the answer has at most: the hours or UTC days [from, to) touches, or 1. */
    public long buckets() {
        java.time.temporal.ChronoUnit unit =
                switch (bucket) {
                    case HOUR -> java.time.temporal.ChronoUnit.HOURS;
                    case DAY -> java.time.temporal.ChronoUnit.DAYS;
                    case NONE -> null;
                };
        if (unit == null) {
            return 1;
        }
        Instant first = from.truncatedTo(unit);
        Instant last = to.minusNanos(1).truncatedTo(unit);
        return unit.between(first, last) + 1;
    }

    /** What rows are grouped by. */
    public enum GroupBy {
        KEY("key_id"),
        EXPERT("expert"),
        SKILL("skill"),
        MODEL("model");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The time buckets: an hour, a day (UTC), or the whole range. */
    public enum Bucket {
        HOUR,
        DAY,
        NONE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
