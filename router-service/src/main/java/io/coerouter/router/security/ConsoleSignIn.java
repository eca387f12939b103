package io.coerouter.router.security;

import io.coerouter.router.console.ConsoleSession;
import java.util.Optional;

/**
 * Who may sign in to the console: the admin key or the viewer key, compared in constant time as bearer keys are.
 * Gateway keys never sign in (the key store is not even asked). With auth off there is nobody to check.
 */
public final class ConsoleSignIn {

    private final BearerCredentials credentials;

    private ConsoleSignIn(BearerCredentials credentials) {
        this.credentials = credentials;
    }

    static ConsoleSignIn of(BearerCredentials credentials) {
        return new ConsoleSignIn(credentials);
    }

    /** With auth off: every caller is the admin already, and no session is made. */
    static ConsoleSignIn authOff() {
        return new ConsoleSignIn(null);
    }

    /** Whether credentials are checked at all (coe.auth.enabled). */
    public boolean authEnabled() {
        return credentials != null;
    }

    /** The role {@code credential} signs in as; empty for anything but the admin or viewer key. */
    public Optional<ConsoleSession.Role> identify(String credential) {
        if (credentials == null || credential == null) {
            return Optional.empty();
        }
        return credentials.adminOrViewer(credential).map(caller -> switch (caller.role()) {
            case ADMIN -> ConsoleSession.Role.ADMIN;
            case VIEWER -> ConsoleSession.Role.VIEWER;
            case GATEWAY, WARMUP -> throw new IllegalStateException("a gateway key is never an admin or viewer");
        });
    }
}
