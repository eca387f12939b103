package io.coerouter.router.warmup;

import java.time.Duration;

/**
 * What the warm-up at readiness does.
 *
 * @param enabled whether the router warms itself up before it reports ready
 * @param requests how many chat completions it sends itself (every fourth one streamed), 1 to {@value #MAX_REQUESTS}
 * @param timeout the longest the warm-up may hold readiness back; then the router becomes ready anyway
 * @param exit whether the process exits after the warm-up instead of becoming ready: an AOT cache training run
 *     ({@code -XX:AOTCacheOutput}), as the Dockerfile makes one
 */
public record WarmupConfig(boolean enabled, int requests, Duration timeout, boolean exit) {

    /** The most requests one warm-up may send. */
    public static final int MAX_REQUESTS = 100_000;

    /** The longest timeout: readiness must not wait on the warm-up longer. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** The defaults' one home: on, 300 requests, at most 10 s, no exit. (After the limits it is checked against.) */
    public static final WarmupConfig DEFAULTS = new WarmupConfig(true, 300, Duration.ofSeconds(10), false);

    /** @throws IllegalArgumentException naming the setting and its value */
    public WarmupConfig {
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException(
                    "coe.warmup.requests must be between 1 and " + MAX_REQUESTS + ", but was " + requests);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "coe.warmup.timeout must be > 0 and at most " + MAX_TIMEOUT + ", but was " + timeout);
        }
    }
}
