package io.coerouter.router.keys;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Admits an authenticated gateway key's request: refuses a disabled key, takes a call that starts work from the key's
 * rate, tokens and budget, and attaches the key for the controllers ({@link KeyAccess}). Who the caller is and which
 * routes it may call are decided before, by the security filter chain.
 */
public final class KeyAdmission {

    private final KeyUsage usage;

    private KeyAdmission(KeyUsage usage) {
        this.usage = usage;
    }

    public static KeyAdmission of(ApiKeys keys) {
        return new KeyAdmission(keys.usage());
    }

    /**
     * Admits {@code key} for {@code request}.
     *
     * @param spends whether the call starts work (see the security configuration): only those count against limits
     * @return the request to hand on: {@code request}, or a copy whose body can be read again when it had to be read
     *     to estimate its tokens (a body without Content-Length)
     * @throws RouterException 403 {@code api_key_disabled}, 429 past a rate or budget, 413 past the size limit
     */
    public HttpServletRequest admit(HttpServletRequest request, ApiKey key, boolean spends) throws IOException {
        if (!key.enabled()) {
            throw new RouterException(
                    ErrorKind.PERMISSION_DENIED, "API key '" + key.id() + "' is disabled.", null, "api_key_disabled");
        }
        if (!spends) {
            KeyAccess.attach(request, key, 0, usage);
            return request;
        }
        HttpServletRequest admitted = request;
        long bytes = request.getContentLengthLong();
        if (bytes < 0) {
            // A chunked body: read it (the size-limit filter caps it) so the estimate is of what was sent.
            byte[] body = request.getInputStream().readAllBytes();
            bytes = body.length;
            admitted = new ReadBody(request, body);
        }
        long estimate = KeyAccess.estimateTokens(bytes);
        KeyUsage.Admission admission = usage.admit(key, estimate);
        switch (admission.verdict()) {
            case ADMITTED -> {
                KeyAccess.attach(admitted, key, estimate, usage);
                return admitted;
            }
            case BUDGET -> throw KeyRefusals.insufficientQuota(key);
            case REQUESTS_PER_MINUTE -> throw rateLimited(key, key.requestsPerMinute() + " requests", admission);
            case TOKENS_PER_MINUTE -> throw rateLimited(key, key.tokensPerMinute() + " tokens", admission);
        }
        throw new IllegalStateException("unknown verdict " + admission.verdict());
    }

    private static RouterException rateLimited(ApiKey key, String limit, KeyUsage.Admission admission) {
        Duration wait = admission.retryAfter().compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : admission.retryAfter();
        return new RouterException(
                ErrorKind.RATE_LIMITED,
                "API key '" + key.id() + "' is over its limit of " + limit + " per minute; retry after "
                        + wait.toSeconds() + " s.",
                null,
                "rate_limit_exceeded",
                wait,
                null);
    }

    /** A request whose body was read already: served again from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already; no asynchronous reads");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = StandardCharsets.UTF_8;
            if (encoding != null) {
                try {
                    charset = Charset.forName(encoding);
                } catch (IllegalArgumentException e) {
                    // an unknown charset name: read as UTF-8, as the JSON parser would
                }
            }
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
