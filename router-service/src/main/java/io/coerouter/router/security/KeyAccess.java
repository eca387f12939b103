package io.coerouter.router.security;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.AdmittedKey;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.Set;

/**
 * The admitted key of one request ({@link AdmittedKey}), for the controllers: which models it may call, and settling
 * its usage when the answer is known. The admission filter attaches it; requests without one (auth off) pass every
 * check.
 */
public final class KeyAccess {

    private static final String ATTRIBUTE = KeyAccess.class.getName();

    private KeyAccess() {}

    static void attach(HttpServletRequest request, AdmittedKey key) {
        request.setAttribute(ATTRIBUTE, key);
    }

    /**
     * Refuses {@code model} when the request's key may not call it.
     *
     * @throws RouterException 403 {@code model_not_allowed}
     */
    public static void requireModel(HttpServletRequest request, String model) {
        if (request.getAttribute(ATTRIBUTE) instanceof AdmittedKey key) {
            key.requireModel(model);
        }
    }

    /** Whether the request's key may call {@code model}; true without a key (auth off). */
    public static boolean mayCall(HttpServletRequest request, String model) {
        return !(request.getAttribute(ATTRIBUTE) instanceof AdmittedKey key) || key.mayCall(model);
    }

    /** The id of the request's API key, or null when it has none (auth off). */
    public static String keyId(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AdmittedKey key ? key.id() : null;
    }

    /** The experts the request's key may reach, in the key's order; empty: all (or no key). */
    public static Set<String> experts(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AdmittedKey key ? key.experts() : Set.of();
    }

    /** Counts what the request used against its key: the tokens (correcting the estimate) and the cost. */
    public static void record(HttpServletRequest request, long tokens, BigDecimal costUsd) {
        if (request.getAttribute(ATTRIBUTE) instanceof AdmittedKey key) {
            key.record(tokens, costUsd);
        }
    }
}
