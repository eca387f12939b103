package io.coerouter.router.error.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator answers some refusals with a bare status and no body (an unknown health group or metric is a 404 with
 * nothing in it). Under {@code /actuator} a client-error status (4xx; a health group that is down keeps its 503 and
 * its body) set that way becomes a {@code sendError}, so the container's
 * error page answers it in OpenAI's format like every other error.
 */
public final class ActuatorErrorsFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/actuator/") && !path.equals("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int status) {
                if (status >= 400 && status < 500 && !isCommitted()) {
                    try {
                        sendError(status);
                    } catch (IOException e) {
                        super.setStatus(status);
                    }
                    return;
                }
                super.setStatus(status);
            }
        });
    }
}
