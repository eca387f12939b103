package io.coerouter.router.security;

import io.coerouter.router.console.ConsoleSession;
import io.coerouter.router.console.ConsoleSessions;
import io.coerouter.router.error.web.ApiException;
import io.coerouter.router.state.StateUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates a console session cookie ({@link ConsoleAccess#COOKIE}) as the admin or the viewer, exactly as their
 * bearer keys would be, on the routes a session serves ({@link Routes#SESSION}: {@code /admin/**} and signing out,
 * never {@code /v1/**}) and only when the request has no {@code Authorization} header (a key always wins). Each use
 * starts the session's idle timeout again. A change (any method but GET and HEAD) made with the cookie must carry the
 * session's CSRF token in {@link ConsoleAccess#CSRF_HEADER}, compared in constant time, or it is refused with 403
 * {@code csrf_token_invalid}. An unknown or ended session leaves the request anonymous, marked so the 401 says the
 * session ended, and removes the cookie from the browser.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionFilter.class);

    /** Set (to TRUE) when a session cookie was presented but named no live session. */
    static final String ENDED = ConsoleSessionFilter.class.getName() + ".ENDED";

    private final ConsoleSessions sessions;
    private final JsonMapper json;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    ConsoleSessionFilter(ConsoleSessions sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String cookie = ConsoleAccess.cookie(request);
        if (cookie == null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !Routes.SESSION.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ConsoleSession> session;
        try {
            session = sessions.use(cookie);
        } catch (StateUnavailableException e) {
            log.warn("console sessions unavailable: {}", e.getMessage());
            unavailable().writeTo(response, json);
            return;
        }
        if (session.isEmpty()) {
            request.setAttribute(ENDED, Boolean.TRUE);
            response.addHeader(HttpHeaders.SET_COOKIE, ConsoleAccess.clearCookie(request.isSecure()));
            chain.doFilter(request, response);
            return;
        }
        if (!Routes.reads(request) && !session.get().csrfMatches(request.getHeader(ConsoleAccess.CSRF_HEADER))) {
            csrfRefused().writeTo(response, json);
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(ConsoleAccess.caller(session.get().role()));
        holder.setContext(context);
        ConsoleAccess.attach(request, session.get());
        chain.doFilter(request, response);
    }

    private static ApiException csrfRefused() {
        return new ApiException(
                HttpStatus.FORBIDDEN,
                "permission_error",
                "A change made with a console session needs the session's CSRF token in the "
                        + ConsoleAccess.CSRF_HEADER + " header (GET /admin/session shows it).",
                null,
                "csrf_token_invalid");
    }

    private static ApiException unavailable() {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                ApiException.API_ERROR,
                "The shared state store (Redis) is unavailable, so console sessions cannot be checked; retry shortly"
                        + " or use the admin key.",
                null,
                "state_unavailable",
                Duration.ofSeconds(5),
                null);
    }
}
