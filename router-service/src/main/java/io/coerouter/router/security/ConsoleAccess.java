package io.coerouter.router.security;

import io.coerouter.router.console.ConsoleSession;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The console side of one request, for the controllers: the session its cookie authenticated (attached by the session
 * filter), the cookie's value, and the role of whoever is calling (session or bearer key).
 */
public final class ConsoleAccess {

    /** The session cookie's name. */
    public static final String COOKIE = "COE_CONSOLE";

    /** The header every change made with a session cookie carries: the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final String ATTRIBUTE = ConsoleAccess.class.getName();

    private ConsoleAccess() {}

    static void attach(HttpServletRequest request, ConsoleSession session) {
        request.setAttribute(ATTRIBUTE, session);
    }

    /** The session the request's cookie authenticated; empty for a bearer key, no cookie, or auth off. */
    public static Optional<ConsoleSession> session(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ConsoleSession session
                ? Optional.of(session)
                : Optional.empty();
    }

    /** The value of the request's session cookie (the first one), or null. */
    public static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())
                    && cookie.getValue() != null
                    && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The role of the authenticated admin or viewer (by session or bearer key); empty for anyone else. */
    public static Optional<ConsoleSession.Role> role() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof Caller caller)) {
            return Optional.empty();
        }
        return switch (caller.role()) {
            case ADMIN -> Optional.of(ConsoleSession.Role.ADMIN);
            case VIEWER -> Optional.of(ConsoleSession.Role.VIEWER);
            case GATEWAY, WARMUP -> Optional.empty();
        };
    }

    /**
     * The {@code Set-Cookie} value that gives the browser {@code value}: the whole site ({@code Path=/}), out of
     * scripts' reach ({@code HttpOnly}), never sent by another site's page ({@code SameSite=Strict}), only over HTTPS
     * when the request came that way ({@code secure}: Boot's forward-headers strategy decides for a proxy). A session
     * cookie: the server ends the session, not the browser.
     */
    public static String setCookie(String value, boolean secure) {
        return base(value, secure).build().toString();
    }

    /** The {@code Set-Cookie} value that removes the session cookie from the browser. */
    public static String clearCookie(boolean secure) {
        return base("", secure).maxAge(Duration.ZERO).build().toString();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value, boolean secure) {
        return ResponseCookie.from(COOKIE, value)
                .path("/")
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secure);
    }

    static Caller caller(ConsoleSession.Role role) {
        return switch (role) {
            case ADMIN -> Caller.admin();
            case VIEWER -> Caller.viewer();
        };
    }
}
