package io.coerouter.router.config;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the router.
 *
 * @param enabled whether {@code /v1/*} needs a gateway API key and {@code /admin/*} the admin key; off (the
 *     quickstart's default, logged loudly) trusts every caller
 * @param adminKey the admin credential, distinct from every gateway key; application.yaml defaults it to the
 *     {@code COE_ADMIN_KEY} environment variable; required when auth is enabled
 * @param viewerKey an optional read-only credential: {@code GET} on {@code /admin/*} and the admin actuator
 *     endpoints, nothing else; application.yaml defaults it to {@code COE_VIEWER_KEY}; blank: no viewer
 */
public record AuthProperties(
        @DefaultValue("false") boolean enabled, String adminKey, String viewerKey, List<String> allowedHosts) {

    public AuthProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        for (String host : allowedHosts) {
            if (host == null || host.isBlank() || !host.strip().matches("\\.?[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                throw new IllegalArgumentException("coe.auth.allowed-hosts must hold host names (or .domain"
                        + " suffixes), but held '" + (host == null ? "" : host.strip()) + "'");
            }
        }
        if (enabled && (adminKey == null || adminKey.length() < 16)) {
            throw new IllegalArgumentException("coe.auth.admin-key (or COE_ADMIN_KEY) must be set to at least 16"
                    + " characters when coe.auth.enabled is true");
        }
        viewerKey = viewerKey == null || viewerKey.isBlank() ? null : viewerKey;
        if (viewerKey != null && viewerKey.length() < 16) {
            throw new IllegalArgumentException("coe.auth.viewer-key (or COE_VIEWER_KEY) must be at least 16"
                    + " characters when set, but was " + viewerKey.length() + " characters");
        }
        if (viewerKey != null && viewerKey.equals(adminKey)) {
            throw new IllegalArgumentException(
                    "coe.auth.viewer-key must differ from coe.auth.admin-key, but they are the same");
        }
    }
}
