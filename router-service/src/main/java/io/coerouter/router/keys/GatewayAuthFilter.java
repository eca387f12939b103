package io.coerouter.router.keys;

import io.coerouter.router.error.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what: {@code /v1/*} needs an enabled gateway key within its limits, {@code /admin/*} the admin key
 * (a gateway key is refused there). Refusals are OpenAI-format errors: 401 for a missing or unknown key, 403 for a
 * disabled one or the wrong kind, 429 past a rate or budget. The admitted key rides on the request for the
 * controllers ({@link KeyAccess}).
 */
public final class GatewayAuthFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final byte[] adminKey;
    private final JsonMapper json;

    public GatewayAuthFilter(ApiKeys keys, String adminKey, JsonMapper json) {
        this.keys = keys;
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            if (path.startsWith("/admin/") || path.equals("/admin")) {
                admin(bearer(request));
            } else if (path.startsWith("/v1/")) {
                gateway(request, bearer(request), spends(request.getMethod(), path));
            }
        } catch (ApiException e) {
            refuse(response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    private void admin(String presented) {
        if (presented != null && MessageDigest.isEqual(adminKey, presented.getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (presented != null && keys.find(presented).isPresent()) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    ApiException.INVALID_REQUEST,
                    "Gateway API keys cannot call the admin API; use the admin key.",
                    null,
                    "admin_key_required");
        }
        throw unauthorized(presented, "the admin key");
    }

    /**
     * Whether the call starts work: a chat completion, a routing decision or a new batch. Only those count against the
     * key's rate, tokens and budget; reading models, files and batches does not, so a key over its budget can still
     * fetch the results it paid for.
     */
    private static boolean spends(String method, String path) {
        return "POST".equals(method)
                && (path.equals("/v1/chat/completions") || path.equals("/v1/route") || path.equals("/v1/batches"));
    }

    private ApiKey gateway(HttpServletRequest request, String presented, boolean spends) {
        if (presented == null) {
            throw unauthorized(null, "an API key"); // no store read for a request without a key
        }
        ApiKey key = keys.find(presented).orElseThrow(() -> unauthorized(presented, "an API key"));
        if (!key.enabled()) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    ApiException.INVALID_REQUEST,
                    "API key '" + key.id() + "' is disabled.",
                    null,
                    "api_key_disabled");
        }
        long estimate = KeyAccess.estimateTokens(request.getContentLengthLong());
        if (!spends) {
            KeyAccess.attach(request, key, 0, keys.usage());
            return key;
        }
        KeyUsage.Admission admission = keys.usage().admit(key, estimate);
        switch (admission.verdict()) {
            case ADMITTED -> {
                KeyAccess.attach(request, key, estimate, keys.usage());
                return key;
            }
            case BUDGET -> throw KeyRefusals.insufficientQuota(key);
            case REQUESTS_PER_MINUTE -> throw rateLimited(key, key.requestsPerMinute() + " requests", admission);
            case TOKENS_PER_MINUTE -> throw rateLimited(key, key.tokensPerMinute() + " tokens", admission);
        }
        throw new IllegalStateException("unknown verdict " + admission.verdict());
    }

    private static ApiException rateLimited(ApiKey key, String limit, KeyUsage.Admission admission) {
        Duration wait = admission.retryAfter().compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : admission.retryAfter();
        return new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                ApiException.RATE_LIMIT,
                "API key '" + key.id() + "' is over its limit of " + limit + " per minute; retry after "
                        + wait.toSeconds() + " s.",
                null,
                "rate_limit_exceeded",
                wait,
                null);
    }

    private static ApiException unauthorized(String presented, String what) {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                ApiException.INVALID_REQUEST,
                presented == null
                        ? "Missing " + what + ": send it as 'Authorization: Bearer <key>'."
                        : "Incorrect " + what + " provided.",
                null,
                presented == null ? "missing_api_key" : "invalid_api_key");
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = header.substring(7).trim();
        return value.isEmpty() ? null : value;
    }

    private void refuse(HttpServletResponse response, ApiException e) throws IOException {
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        e.writeTo(response, json);
    }
}
