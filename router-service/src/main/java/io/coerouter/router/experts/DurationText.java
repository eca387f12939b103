package io.coerouter.router.experts;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/** Durations as the configuration writes them: {@code 30s}, {@code 1500ms}, {@code 2m}. */
public final class DurationText {

    private DurationText() {}

    /** {@code d} in the largest unit that holds it exactly; null for null. */
    public static String print(Duration d) {
        if (d == null) {
            return null;
        }
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            if (!d.isZero() && d.toNanos() % unit.getDuration().toNanos() == 0) {
                return DurationStyle.SIMPLE.print(d, unit);
            }
        }
        return d.toNanos() % 1_000_000 == 0
                ? DurationStyle.SIMPLE.print(d, ChronoUnit.MILLIS)
                : DurationStyle.SIMPLE.print(d, ChronoUnit.NANOS);
    }

    /** {@code text} read as the configuration reads it ({@code 10s}, {@code PT10S}, {@code 10000}: ms); null for null. */
    public static Duration parse(String text) {
        return text == null ? null : DurationStyle.detectAndParse(text);
    }
}
