package io.coerouter.router.security;

import io.coerouter.router.keys.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Tells who a bearer secret belongs to: the admin key, the viewer key (compared in constant time), or a stored
 * gateway key; empty for anything else.
 */
final class BearerCredentials {

    private final byte[] adminKey;
    private final byte[] viewerKey;
    private final ApiKeys keys;

    private BearerCredentials(String adminKey, String viewerKey, ApiKeys keys) {
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
        this.viewerKey = viewerKey == null ? null : viewerKey.getBytes(StandardCharsets.UTF_8);
        this.keys = keys;
    }

    /** @param viewerKey null: no viewer */
    static BearerCredentials of(String adminKey, String viewerKey, ApiKeys keys) {
        return new BearerCredentials(adminKey, viewerKey, keys);
    }

    Optional<Caller> identify(String secret) {
        return adminOrViewer(secret).or(() -> keys.find(secret).map(Caller::gateway));
    }

    /** The admin or the viewer when {@code secret} is their key (constant time); never a gateway key. */
    Optional<Caller> adminOrViewer(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        boolean admin = MessageDigest.isEqual(adminKey, presented);
        boolean viewer = viewerKey != null && MessageDigest.isEqual(viewerKey, presented);
        if (admin) {
            return Optional.of(Caller.admin());
        }
        return viewer ? Optional.of(Caller.viewer()) : Optional.empty();
    }

    /** The bearer secret of {@code Authorization: Bearer <secret>}; null when there is none. */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = header.substring(7).trim();
        return value.isEmpty() ? null : value;
    }
}
