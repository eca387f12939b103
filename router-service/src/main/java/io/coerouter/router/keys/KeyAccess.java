package io.coerouter.router.keys;

import io.coerouter.router.error.RouterException;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;

/**
 * The admitted key of one request, for the controllers: which models it may call, and settling its usage when the
 * answer is known. Requests without one (auth off) pass every check.
 */
public final class KeyAccess {

    private static final String ATTRIBUTE = KeyAccess.class.getName();

    private final ApiKey key;
    private final long estimate;
    private final KeyUsage usage;

    private KeyAccess(ApiKey key, long estimate, KeyUsage usage) {
        this.key = key;
        this.estimate = estimate;
        this.usage = usage;
    }

    static void attach(HttpServletRequest request, ApiKey key, long estimate, KeyUsage usage) {
        request.setAttribute(ATTRIBUTE, new KeyAccess(key, estimate, usage));
    }

    /** A body of {@code bytes} as tokens, roughly: four bytes a token, at least one. */
    static long estimateTokens(long bytes) {
        return Math.max(1, bytes / 4);
    }

    /**
     * Refuses {@code model} when the request's key may not call it.
     *
     * @throws RouterException 403 {@code model_not_allowed}
     */
    public static void requireModel(HttpServletRequest request, String model) {
        if (request.getAttribute(ATTRIBUTE) instanceof KeyAccess access && !KeyRefusals.mayCall(access.key, model)) {
            throw KeyRefusals.modelNotAllowed(access.key, model);
        }
    }

    /** Whether the request's key may call {@code model}; true without a key (auth off). */
    public static boolean mayCall(HttpServletRequest request, String model) {
        return !(request.getAttribute(ATTRIBUTE) instanceof KeyAccess access) || KeyRefusals.mayCall(access.key, model);
    }

    /** The id of the request's API key, or null when it has none (auth off). */
    public static String keyId(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof KeyAccess access ? access.key.id() : null;
    }

    /** The experts the request's key may reach, in the key's order; empty: all (or no key). */
    public static java.util.Set<String> experts(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof KeyAccess access
                ? java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(access.key.experts()))
                : java.util.Set.of();
    }

    /** Counts what the request used against its key: the tokens (correcting the estimate) and the cost. */
    public static void record(HttpServletRequest request, long tokens, BigDecimal costUsd) {
        if (request.getAttribute(ATTRIBUTE) instanceof KeyAccess access) {
            access.usage.record(access.key, tokens - access.estimate, costUsd == null ? BigDecimal.ZERO : costUsd);
        }
    }
}
