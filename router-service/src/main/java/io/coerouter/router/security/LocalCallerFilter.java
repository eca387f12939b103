package io.coerouter.router.security;

import io.coerouter.router.error.web.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** With auth off: refuses requests a web page could have sent on the user's behalf ({@link LocalCallers}). */
final class LocalCallerFilter extends OncePerRequestFilter {

    private final LocalCallers callers;
    private final JsonMapper json;

    LocalCallerFilter(LocalCallers callers, JsonMapper json) {
        this.callers = callers;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var refusal = callers.refusal(
                request.getServerName(),
                request.getServerPort(),
                request.getScheme(),
                request.getHeader("Origin"),
                request.getHeader("Sec-Fetch-Site"));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ApiException refused =
                switch (refusal.get()) {
                    case HOST ->
                        forbidden(
                                "host_not_allowed",
                                "With auth off this router answers only requests addressed to localhost or an IP address;"
                                        + " add the host name to coe.auth.allowed-hosts, or turn auth on (docs/security.md).");
                    case CROSS_ORIGIN ->
                        forbidden(
                                "cross_origin_refused",
                                "With auth off this router refuses requests sent by a web page of another origin; turn auth"
                                        + " on and send an API key (docs/security.md).");
                };
        refused.writeTo(response, json);
    }

    private static ApiException forbidden(String code, String message) {
        return new ApiException(HttpStatus.FORBIDDEN, ApiException.INVALID_REQUEST, message, null, code);
    }
}
