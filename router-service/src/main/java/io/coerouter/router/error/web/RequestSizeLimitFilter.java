package io.coerouter.router.error.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over {@code coe.gateway.max-request-size} with HTTP 413: at once when Content-Length says
 * so, and while reading when a chunked body grows past the limit.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxFileBytes;
    private final JsonMapper json;

    /** @param maxFileBytes the limit for file upload bodies ({@code POST /v1/files}): the file and its form around it */
    public RequestSizeLimitFilter(long maxBytes, long maxFileBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.maxFileBytes = maxFileBytes;
        this.json = json;
    }

    private record Limit(long bytes, String setting) {}

    private Limit limit(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/v1/files".equals(request.getRequestURI())
                ? new Limit(maxFileBytes, "coe.batch.max-file-size")
                : new Limit(maxBytes, "coe.gateway.max-request-size");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        Limit limit = limit(request);
        if (declared > limit.bytes()) {
            // Tomcat would otherwise drain the whole oversize body before the client sees the answer.
            response.setHeader("Connection", "close");
            tooLarge(limit).writeTo(response, json);
            return;
        }
        chain.doFilter(declared >= 0 ? request : new LimitedRequest(request, limit), response);
    }

    private static ApiException tooLarge(Limit limit) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                ApiException.INVALID_REQUEST,
                "The request body is larger than the limit of " + limit.bytes() + " bytes (" + limit.setting() + ").",
                null,
                "request_too_large");
    }

    /** Counts the bytes of a body without a Content-Length and fails once they pass the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final Limit limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Limited(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private final Limit limit;
        private long read;

        Limited(ServletInputStream in, Limit limit) {
            this.in = in;
            this.limit = limit;
        }

        private int count(int n) {
            if (n > 0) {
                read += n;
                if (read > limit.bytes()) {
                    throw tooLarge(limit);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
