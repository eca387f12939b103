package io.coerouter.router.experts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * What this replica's experts have done since it started, read in one pass over the meters {@link ExpertMetrics} and
 * the scheduler record: calls, failed calls and requests waiting in each expert's queue.
 *
 * @param calls answered and failed calls
 * @param errors failed calls
 * @param queued requests waiting in the expert's queue now
 */
public record ExpertActivity(long calls, long errors, int queued) {

    /** An expert this replica has not called. */
    public static final ExpertActivity NONE = new ExpertActivity(0, 0, 0);

    /** Every expert's activity, by id; an expert missing from the map has {@link #NONE}. */
    public static Map<String, ExpertActivity> read(MeterRegistry registry) {
        Map<String, long[]> counts = new HashMap<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            String expert = meter.getId().getTag("expert");
            if (expert == null) {
                continue;
            }
            if (name.equals("coe.expert.calls") && meter instanceof Counter counter) {
                long[] c = counts.computeIfAbsent(expert, k -> new long[3]);
                long n = (long) counter.count();
                c[0] += n;
                if ("error".equals(meter.getId().getTag("outcome"))) {
                    c[1] += n;
                }
            } else if (name.equals("coe.scheduler.queue.depth") && meter instanceof Gauge gauge) {
                double depth = gauge.value();
                counts.computeIfAbsent(expert, k -> new long[3])[2] = Double.isFinite(depth) ? (long) depth : 0;
            }
        }
        Map<String, ExpertActivity> out = new HashMap<>();
        counts.forEach((id, c) -> out.put(id, new ExpertActivity(c[0], c[1], (int) c[2])));
        return out;
    }
}
