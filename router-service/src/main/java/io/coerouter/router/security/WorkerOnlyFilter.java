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

/**
 * On a worker ({@code coe.role=worker}): only the actuator and the cluster and pool views are served; every other URL
 * (the OpenAI API, the rest of the admin API, the console) is 404 {@code not_served_by_worker}.
 */
final class WorkerOnlyFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    WorkerOnlyFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Routes.WORKER_SERVED.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        new ApiException(
                        HttpStatus.NOT_FOUND,
                        ApiException.INVALID_REQUEST,
                        "This router is a worker (coe.role=worker): it runs local models for the gateways and serves"
                                + " no API. Send requests to a gateway.",
                        null,
                        "not_served_by_worker")
                .writeTo(response, json);
    }
}
