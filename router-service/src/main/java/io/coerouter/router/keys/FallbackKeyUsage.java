package io.coerouter.router.keys;

import io.coerouter.router.state.StateUnavailableException;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared counters, and this replica's own while they cannot be reached: during a Redis outage each replica limits
 * its own callers (so a key may get up to its limits on every replica) rather than refusing all traffic.
 */
final class FallbackKeyUsage implements KeyUsage {

    private static final Logger log = LoggerFactory.getLogger(FallbackKeyUsage.class);

    private final KeyUsage shared;
    private final KeyUsage local;

    FallbackKeyUsage(KeyUsage shared, KeyUsage local) {
        this.shared = shared;
        this.local = local;
    }

    @Override
    public Admission admit(ApiKey key, long estimatedTokens) {
        try {
            return shared.admit(key, estimatedTokens);
        } catch (StateUnavailableException e) {
            log.warn("usage counters unavailable, limiting key {} on this replica alone: {}", key.id(), e.getMessage());
            return local.admit(key, estimatedTokens);
        }
    }

    @Override
    public void record(ApiKey key, long tokenCorrection, BigDecimal cost) {
        try {
            shared.record(key, tokenCorrection, cost);
        } catch (StateUnavailableException e) {
            log.warn("usage counters unavailable, spend of key {} counted on this replica alone", key.id());
            local.record(key, tokenCorrection, cost);
        }
    }

    @Override
    public BigDecimal spent(ApiKey key) {
        return shared.spent(key);
    }
}
