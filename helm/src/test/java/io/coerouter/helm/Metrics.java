package io.coerouter.helm;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus metric names in PromQL text (alerts, dashboard panels) and in a scrape. */
final class Metrics {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private Metrics() {}

    /** Metric names a PromQL expression selects (a name followed by a label matcher). */
    static Set<String> names(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = SELECTOR.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Metric names with samples in a Prometheus text exposition. */
    static Set<String> scraped(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The documented name: a histogram's or summary's series without their _bucket, _sum or _count. */
    static String family(String metric) {
        return metric.replaceFirst("_(bucket|sum|count)$", "");
    }

    static Path docs() {
        return Path.of(System.getProperty("coe.docs.dir", "../docs")).toAbsolutePath();
    }
}
