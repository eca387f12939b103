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

/** With {@code coe.console.enabled=false}: every {@code /console/**} URL is 404 {@code console_disabled}. */
final class ConsoleDisabledFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    ConsoleDisabledFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!Routes.CONSOLE.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        new ApiException(
                        HttpStatus.NOT_FOUND,
                        ApiException.INVALID_REQUEST,
                        "The admin console is turned off on this router (coe.console.enabled=false).",
                        null,
                        "console_disabled")
                .writeTo(response, json);
    }
}
