package io.coerouter.router.security;

import io.coerouter.router.error.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals as OpenAI-format errors: 400 for a path the firewall refuses, 401 (with
 * {@code WWW-Authenticate: Bearer}) without a valid credential (or with a console session that has ended), 403 for
 * the wrong kind of credential.
 */
final class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);

    private final JsonMapper json;

    SecurityErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        // The firewall's reason may quote the path; it is logged, not echoed.
        log.debug("refused an ambiguous request: {}", rejected.getMessage());
        if (!SecurityConfiguration.ALLOWED_METHODS.contains(request.getMethod())) {
            write(
                    response,
                    new ApiException(
                            HttpStatus.METHOD_NOT_ALLOWED,
                            ApiException.INVALID_REQUEST,
                            "This HTTP method is not allowed; use one of " + SecurityConfiguration.ALLOWED_METHODS
                                    + ".",
                            null,
                            "method_not_allowed"));
            return;
        }
        write(
                response,
                ApiException.invalid(
                        null,
                        "invalid_url",
                        "The request URL is not allowed: send a normalized path without path parameters (';'), encoded"
                                + " slashes, backslashes, percent signs or periods, dot segments, double slashes or control"
                                + " characters."));
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        if (request.getAttribute(ConsoleSessionFilter.ENDED) != null) {
            write(
                    response,
                    new ApiException(
                            HttpStatus.UNAUTHORIZED,
                            ApiException.INVALID_REQUEST,
                            "Your console session has ended (signed out, idle too long or too old); sign in again at"
                                    + " /console/login.",
                            null,
                            "session_expired"));
            return;
        }
        String what = Routes.ADMIN.matches(request) || Routes.LOGOUT.matches(request) ? "admin key" : "API key";
        boolean presented = request.getAttribute(BearerFilter.INVALID) != null;
        write(
                response,
                new ApiException(
                        HttpStatus.UNAUTHORIZED,
                        ApiException.INVALID_REQUEST,
                        presented
                                ? "Incorrect " + what + " provided."
                                : "Missing " + what + ": send it as 'Authorization: Bearer <key>'.",
                        null,
                        presented ? "invalid_api_key" : "missing_api_key"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        var caller = SecurityContextHolder.getContext().getAuthentication() instanceof Caller c ? c : null;
        write(response, refusal(request, caller == null ? null : caller.role()));
    }

    private static ApiException refusal(HttpServletRequest request, Caller.Role role) {
        if (Routes.ADMIN.matches(request)) {
            return forbidden(
                    role == Caller.Role.VIEWER
                            ? "The viewer key may only read (GET) the admin API; use the admin key."
                            : "Gateway API keys cannot call the admin API; use the admin key.",
                    "admin_key_required");
        }
        if (Routes.GATEWAY.matches(request)) {
            return forbidden(
                    "The admin and viewer keys cannot call the OpenAI-compatible API (/v1); use a gateway API key.",
                    "gateway_key_required");
        }
        return forbidden("No credential may call this URL.", "access_denied");
    }

    private static ApiException forbidden(String message, String code) {
        return new ApiException(HttpStatus.FORBIDDEN, ApiException.INVALID_REQUEST, message, null, code);
    }

    private void write(HttpServletResponse response, ApiException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        e.writeTo(response, json);
    }
}
