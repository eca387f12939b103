package io.coerouter.router.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <secret>}: a known secret becomes the request's {@link Caller}; an
 * unknown one leaves the request anonymous but marked, so a refusal says the key was wrong rather than missing. It
 * decides nothing about routes: the authorization rules do.
 */
final class BearerFilter extends OncePerRequestFilter {

    /** Set (to TRUE) when a bearer secret was presented but matched no credential. */
    static final String INVALID = BearerFilter.class.getName() + ".INVALID";

    private final BearerCredentials credentials;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    BearerFilter(BearerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = BearerCredentials.bearer(request);
        if (secret != null) {
            var caller = credentials.identify(secret);
            if (caller.isPresent()) {
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(caller.get());
                holder.setContext(context);
            } else {
                request.setAttribute(INVALID, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}
