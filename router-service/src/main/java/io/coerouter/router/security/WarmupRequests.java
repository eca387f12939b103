package io.coerouter.router.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are the router's own warm-up ({@link io.coerouter.router.warmup.WarmupPass}), as {@link WarmupFilter}
 * found them: marked on the request, so the controller keeps no usage, feedback or cache entry of them.
 */
public final class WarmupRequests {

    private static final String ATTRIBUTE = WarmupRequests.class.getName();

    private WarmupRequests() {}

    static void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /** Whether {@code request} is one of the warm-up's: it must leave no usage, feedback or cache entry. */
    public static boolean marked(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
