package io.coerouter.router.keys;

import io.coerouter.router.ids.Ids;
import io.coerouter.router.state.StateUnavailableException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway API keys: creates them (the secret is shown once and only its hash is kept) and finds the key a caller
 * presents. Every lookup reads the store, so a key disabled on one replica is refused by all at their next call; while
 * the store is unreachable, the last state read of each key is used so that traffic keeps flowing.
 */
public final class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /** Secrets start with this, so they are easy to spot in logs and secret scanners. */
    static final String SECRET_PREFIX = "coe-";

    private final ApiKeyStore store;
    private final KeyUsage usage;
    private final Clock clock;
    private final Map<String, ApiKey> lastKnown = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, KeyUsage usage, Clock clock) {
        this.store = store;
        this.usage = usage;
        this.clock = clock;
    }

    /** A new key and its secret, which is never stored or shown again. */
    public record Created(ApiKey key, String secret) {}

    /** What a new key may do; see {@link ApiKey}. */
    public record Limits(
            String name,
            List<String> models,
            List<String> experts,
            int requestsPerMinute,
            long tokensPerMinute,
            BigDecimal budgetUsd) {}

    public Created create(Limits limits) {
        String secret = Ids.secret(SECRET_PREFIX, 40);
        ApiKey key = new ApiKey(
                Ids.next("key_", 16),
                limits.name(),
                hash(secret),
                secret.substring(0, SECRET_PREFIX.length() + 4),
                limits.models(),
                limits.experts(),
                limits.requestsPerMinute(),
                limits.tokensPerMinute(),
                limits.budgetUsd(),
                true,
                clock.instant());
        store.create(key);
        return new Created(key, secret);
    }

    /** The key whose secret is {@code secret}, read fresh from the store (or its last known state while it is down). */
    public Optional<ApiKey> find(String secret) {
        String hash = hash(secret);
        try {
            Optional<ApiKey> key = store.findByHash(hash);
            key.ifPresentOrElse(k -> lastKnown.put(hash, k), () -> lastKnown.remove(hash));
            return key;
        } catch (StateUnavailableException e) {
            log.warn("key store unavailable, using the last known state of the presented key: {}", e.getMessage());
            return Optional.ofNullable(lastKnown.get(hash));
        }
    }

    public ApiKeyStore store() {
        return store;
    }

    public KeyUsage usage() {
        return usage;
    }

    /** The SHA-256 of a secret, hex. Secrets are 40 random characters, so a slow password hash would add nothing. */
    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
