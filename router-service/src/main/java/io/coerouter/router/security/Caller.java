package io.coerouter.router.security;

import io.coerouter.router.keys.ApiKey;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller: the admin, the viewer, a gateway key (with its stored {@link ApiKey}), or the router's own
 * warm-up. Never holds the
 * secret it was authenticated by.
 */
final class Caller extends AbstractAuthenticationToken {

    /** What a credential allows; the authority is {@code ROLE_<name>}. */
    enum Role {
        ADMIN,
        VIEWER,
        GATEWAY,
        /** The router's own warm-up before readiness: chat completions only, no key, nothing spent or kept. */
        WARMUP
    }

    private final Role role;
    private final ApiKey key;

    private Caller(Role role, ApiKey key) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.role = role;
        this.key = key;
        setAuthenticated(true);
    }

    static Caller admin() {
        return new Caller(Role.ADMIN, null);
    }

    static Caller viewer() {
        return new Caller(Role.VIEWER, null);
    }

    static Caller warmup() {
        return new Caller(Role.WARMUP, null);
    }

    static Caller gateway(ApiKey key) {
        return new Caller(Role.GATEWAY, Objects.requireNonNull(key, "key"));
    }

    Role role() {
        return role;
    }

    /** The gateway key; null for the admin and the viewer. */
    ApiKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return null; // the secret is not kept
    }

    @Override
    public Object getPrincipal() {
        return key == null ? role.name().toLowerCase(Locale.ROOT) : key.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Caller caller && caller.role == role && Objects.equals(caller.key, key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, key);
    }
}
