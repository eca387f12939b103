package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a router process has allocated since it started, read from its actuator: Micrometer's {@code
 * jvm.gc.memory.allocated} (the young generation's growth between collections, counted at each collection) plus what
 * the eden holds now (allocated since the last collection). Differences over a window of many requests give bytes per
 * request; the error is at most one collection's worth of rounding, so use windows of thousands of requests.
 */
final class GatewayAllocation {

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)");

    private GatewayAllocation() {}

    /** Bytes allocated so far by the router on {@code port}, or -1 when its actuator does not say. */
    static long allocatedBytes(int port) {
        try (HttpConnection c = new HttpConnection(port, 5_000)) {
            double counted = value(c, "/actuator/metrics/jvm.gc.memory.allocated");
            double eden = value(c, "/actuator/metrics/jvm.memory.used?tag=id:G1%20Eden%20Space");
            return counted < 0 || eden < 0 ? -1 : (long) (counted + eden);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double value(HttpConnection c, String path) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (c.exchange(HttpConnection.get(0, path), body) != 200) {
            return -1;
        }
        Matcher m = VALUE.matcher(body.toString(StandardCharsets.UTF_8));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
