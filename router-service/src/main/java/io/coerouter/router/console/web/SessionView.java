package io.coerouter.router.console.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /admin/session}: who is calling, for the console.
 *
 * @param authEnabled false: every caller is the admin (coe.auth.enabled=false), no sign-in and no CSRF token needed
 * @param role {@code admin} or {@code viewer}
 * @param csrfToken the session's CSRF token, for the {@code X-CSRF-Token} header of each change; null without a
 *     session (a bearer key, or auth off)
 * @param idleTimeoutSeconds how long a session lives unused ({@code coe.console.session-idle-timeout})
 * @param expiresAt when the session ends however busy (epoch seconds); null without a session
 * @param replica the router replica that answered
 */
record SessionView(
        String object,
        @JsonProperty("auth_enabled") boolean authEnabled,
        String role,
        @JsonProperty("csrf_token") String csrfToken,
        @JsonProperty("idle_timeout_seconds") long idleTimeoutSeconds,
        @JsonProperty("expires_at") Long expiresAt,
        String replica) {}
