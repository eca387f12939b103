package io.coerouter.router.error;

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
    private final JsonMapper json;

    public RequestSizeLimitFilter(long maxBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            ApiException e = tooLarge();
            response.setStatus(e.status().value());
            response.setContentType("application/json");
            // Tomcat would otherwise drain the whole oversize body before the client sees the answer.
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), e.body());
            return;
        }
        chain.doFilter(declared >= 0 ? request : new LimitedRequest(request), response);
    }

    private ApiException tooLarge() {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                ApiException.INVALID_REQUEST,
                "The request body is larger than the limit of " + maxBytes + " bytes (coe.gateway.max-request-size).",
                null,
                "request_too_large");
    }

    /** Counts the bytes of a body without a Content-Length and fails once they pass the limit. */
    private final class LimitedRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Limited(super.getInputStream());
            }
            return stream;
        }
    }

    private final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Limited(ServletInputStream in) {
            this.in = in;
        }

        private int count(int n) {
            if (n > 0) {
                read += n;
                if (read > maxBytes) {
                    throw tooLarge();
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
