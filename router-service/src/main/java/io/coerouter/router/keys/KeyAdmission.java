package io.coerouter.router.keys;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import java.io.IOException;
import java.time.Duration;

/**
 * Admits an authenticated gateway key's call: refuses a disabled key, and takes a call that starts work from the key's
 * rate, tokens and budget, estimating its tokens from the size of its body. Who the caller is, which routes it may call
 * and how the body is measured are decided by the HTTP edge (the security filter chain).
 */
public final class KeyAdmission {

    /** The size of a call's body, in bytes; measured only when the call spends. */
    @FunctionalInterface
    public interface BodySize {
        long bytes() throws IOException;
    }

    private final KeyUsage usage;

    private KeyAdmission(KeyUsage usage) {
        this.usage = usage;
    }

    public static KeyAdmission of(ApiKeys keys) {
        return new KeyAdmission(keys.usage());
    }

    /**
     * Admits {@code key} for a call.
     *
     * @param spends whether the call starts work (see the security configuration): only those count against limits
     * @param body the size of the call's body, asked for only when it spends (after a disabled key is refused)
     * @return the admitted key, for the rest of the call
     * @throws RouterException {@code PERMISSION_DENIED} {@code api_key_disabled}, {@code RATE_LIMITED} past a rate,
     *     {@code QUOTA_EXCEEDED} past the budget
     * @throws IOException when the body could not be measured
     */
    public AdmittedKey admit(ApiKey key, boolean spends, BodySize body) throws IOException {
        if (!key.enabled()) {
            throw new RouterException(
                    ErrorKind.PERMISSION_DENIED, "API key '" + key.id() + "' is disabled.", null, "api_key_disabled");
        }
        if (!spends) {
            return AdmittedKey.of(key, 0, usage);
        }
        long estimate = estimateTokens(body.bytes());
        KeyUsage.Admission admission = usage.admit(key, estimate);
        return switch (admission.verdict()) {
            case ADMITTED -> AdmittedKey.of(key, estimate, usage);
            case BUDGET -> throw KeyRefusals.insufficientQuota(key);
            case REQUESTS_PER_MINUTE -> throw rateLimited(key, key.requestsPerMinute() + " requests", admission);
            case TOKENS_PER_MINUTE -> throw rateLimited(key, key.tokensPerMinute() + " tokens", admission);
        };
    }

    /** A body of {@code bytes} as tokens, roughly: four bytes a token, at least one. */
    static long estimateTokens(long bytes) {
        return Math.max(1, bytes / 4);
    }

    private static RouterException rateLimited(ApiKey key, String limit, KeyUsage.Admission admission) {
        Duration wait = admission.retryAfter().compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : admission.retryAfter();
        return new RouterException(
                ErrorKind.RATE_LIMITED,
                "API key '" + key.id() + "' is over its limit of " + limit + " per minute; retry after "
                        + wait.toSeconds() + " s.",
                null,
                "rate_limit_exceeded",
                wait,
                null);
    }
}
