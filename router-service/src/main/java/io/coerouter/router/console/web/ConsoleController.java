package io.coerouter.router.console.web;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.ConsoleProperties;
import io.coerouter.router.console.ConsoleSession;
import io.coerouter.router.console.ConsoleSessions;
import io.coerouter.router.console.LoginAttempts;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.ApiException;
import io.coerouter.router.security.ConsoleAccess;
import io.coerouter.router.security.ConsoleSignIn;
import io.coerouter.router.state.SharedState;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing in to and out of the console, and {@code GET /admin/session}. A sign-in with the admin or viewer key
 * (never a gateway key) starts a session in the shared store and sets its cookie; failures are limited per client
 * address ({@link LoginAttempts}). With auth off nobody signs in: every caller is the admin already.
 */
@RestController
class ConsoleController {

    private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);

    private final ConsoleSessions sessions;
    private final ConsoleSignIn signIn;
    private final LoginAttempts attempts;
    private final ConsoleProperties config;
    private final SharedState state;
    private final JsonMapper json;

    ConsoleController(
            ConsoleSessions sessions,
            ConsoleSignIn signIn,
            LoginAttempts attempts,
            CoeProperties properties,
            SharedState state,
            JsonMapper json) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.attempts = attempts;
        this.config = properties.console();
        this.state = state;
        this.json = json;
    }

    @Operation(operationId = "consoleLogin")
    @PostMapping("/console/login")
    ResponseEntity<LoginResult> login(HttpServletRequest request) throws IOException {
        // Read as bytes, not through Spring's body binding: for a form, that goes through Tomcat's parameter parser,
        // which fails on a bad percent-encoding as a 500 and echoes the value in its message.
        byte[] body = request.getInputStream().readAllBytes();
        String credential = LoginCredential.read(request.getContentType(), body, json);
        if (!signIn.authEnabled()) {
            return ResponseEntity.ok(LoginResult.of(ConsoleSession.Role.ADMIN.id()));
        }
        String client = request.getRemoteAddr();
        attempts.check(client);
        Optional<ConsoleSession.Role> role = signIn.identify(credential);
        if (role.isEmpty()) {
            attempts.failed(client);
            log.info("console sign-in refused from {}", client);
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED,
                    ApiException.INVALID_REQUEST,
                    "Incorrect credential: sign in with the admin key or the viewer key.",
                    LoginCredential.FIELD,
                    "invalid_credential");
        }
        attempts.succeeded(client);
        String previous = ConsoleAccess.cookie(request);
        if (previous != null) {
            sessions.close(previous); // a new sign-in never keeps a session a page could have planted
        }
        ConsoleSessions.Opened opened = sessions.open(role.get());
        log.info("console sign-in as {} from {}", role.get().id(), client);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, ConsoleAccess.setCookie(opened.cookie(), request.isSecure()))
                .body(LoginResult.of(role.get().id()));
    }

    @Operation(operationId = "consoleLogout")
    @PostMapping("/console/logout")
    ResponseEntity<LogoutResult> logout(HttpServletRequest request) {
        String cookie = ConsoleAccess.cookie(request);
        boolean closed = cookie != null && sessions.close(cookie);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, ConsoleAccess.clearCookie(request.isSecure()))
                .body(LogoutResult.of(closed));
    }

    @Operation(operationId = "getConsoleSession")
    @GetMapping("/admin/session")
    SessionView session(HttpServletRequest request) {
        long idle = config.sessionIdleTimeout().toSeconds();
        if (!signIn.authEnabled()) {
            return new SessionView(
                    "console.session", false, ConsoleSession.Role.ADMIN.id(), null, idle, null, state.replicaId());
        }
        Optional<ConsoleSession> session = ConsoleAccess.session(request);
        String role = session.map(ConsoleSession::role)
                .or(ConsoleAccess::role)
                .map(ConsoleSession.Role::id)
                .orElseThrow(() -> new RouterException(
                        ErrorKind.PERMISSION_DENIED,
                        "Only the admin or the viewer has a console session.",
                        null,
                        "admin_key_required"));
        return new SessionView(
                "console.session",
                true,
                role,
                session.map(ConsoleSession::csrfToken).orElse(null),
                idle,
                session.map(s -> s.expiresAt(config.sessionMaxAge()).getEpochSecond())
                        .orElse(null),
                state.replicaId());
    }
}
