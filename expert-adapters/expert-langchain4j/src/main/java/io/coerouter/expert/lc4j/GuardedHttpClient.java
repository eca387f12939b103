package io.coerouter.expert.lc4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.coerouter.expert.TraceHeaders;
import io.coerouter.expert.egress.EgressPolicy;
import io.coerouter.expert.egress.EgressRefusedException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j HTTP client that sends only to its expert's configured origin (scheme, host and port) and, before
 * every request, checks each address the host resolves to against the {@link EgressPolicy}. The delegate must not
 * follow redirects (see {@link #builder}), so a credential never travels to a host a response points at.
 *
 * <p>The JVM caches a successful lookup (30 s by default), so the connection that follows the check uses the
 * addresses the check saw.
 *
 * <p>Each request also carries the caller's trace context ({@link TraceHeaders}: {@code traceparent} only), read on
 * the thread that sends it.
 */
final class GuardedHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final URI origin;
    private final EgressPolicy policy;
    private final TraceHeaders traceHeaders;
    /** The last URL found to be on the origin, and its host: an expert's models call one or two URLs. */
    private volatile Checked lastChecked;

    private GuardedHttpClient(HttpClient delegate, URI origin, EgressPolicy policy, TraceHeaders traceHeaders) {
        this.delegate = delegate;
        this.origin = origin;
        this.policy = policy;
        this.traceHeaders = traceHeaders;
    }

    /** {@code delegate} guarded: every client it builds sends only to {@code baseUrl}'s origin under {@code policy}. */
    static HttpClientBuilder builder(HttpClientBuilder delegate, URI baseUrl, EgressPolicy policy) {
        return builder(delegate, baseUrl, policy, TraceHeaders.NONE);
    }

    /** Likewise, each request carrying the {@code traceparent} of {@code traceHeaders}. */
    static HttpClientBuilder builder(
            HttpClientBuilder delegate, URI baseUrl, EgressPolicy policy, TraceHeaders traceHeaders) {
        return new Builder(delegate, Objects.requireNonNull(baseUrl, "baseUrl"), policy, traceHeaders);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        check(request);
        return delegate.execute(traced(request));
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try {
            check(request);
        } catch (UncheckedIOException e) {
            listener.onError(e.getCause());
            return;
        }
        delegate.execute(traced(request), parser, listener);
    }

    /** {@code request} with the current {@code traceparent}, when there is one and the request has none. */
    private HttpRequest traced(HttpRequest request) {
        String traceparent = traceHeaders.current().get("traceparent");
        if (traceparent == null || request.headers().keySet().stream().anyMatch("traceparent"::equalsIgnoreCase)) {
            return request;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("traceparent", List.of(traceparent));
        HttpRequest.Builder copy = HttpRequest.builder()
                .method(request.method())
                .url(request.url())
                .headers(headers)
                .body(request.body());
        if (request.formDataFields() != null && !request.formDataFields().isEmpty()) {
            copy.formDataFields(request.formDataFields());
        }
        if (request.formDataFiles() != null && !request.formDataFiles().isEmpty()) {
            copy.formDataFiles(request.formDataFiles());
        }
        return copy.build();
    }

    private void check(HttpRequest request) {
        try {
            Checked checked = lastChecked;
            if (checked == null || !checked.url().equals(request.url())) {
                URI target = URI.create(request.url());
                if (!sameOrigin(target)) {
                    throw new EgressRefusedException(
                            "a request to another host than the expert's base URL was refused");
                }
                checked = new Checked(request.url(), target.getHost());
                lastChecked = checked;
            }
            // Every call: what the host resolves to now (a name may come to point somewhere else).
            policy.checkHost(checked.host());
        } catch (EgressRefusedException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL on the expert's origin, and its host. */
    private record Checked(String url, String host) {}

    private boolean sameOrigin(URI target) {
        return scheme(target).equals(scheme(origin))
                && host(target).equals(host(origin))
                && port(target) == port(origin);
    }

    private static String scheme(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    private static String host(URI u) {
        return u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equals(scheme(u)) ? 443 : 80;
    }

    private static final class Builder implements HttpClientBuilder {
        private final HttpClientBuilder delegate;
        private final URI origin;
        private final EgressPolicy policy;
        private final TraceHeaders traceHeaders;

        Builder(HttpClientBuilder delegate, URI origin, EgressPolicy policy, TraceHeaders traceHeaders) {
            this.delegate = delegate;
            this.origin = origin;
            this.policy = policy;
            this.traceHeaders = traceHeaders;
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            return new GuardedHttpClient(delegate.build(), origin, policy, traceHeaders);
        }
    }
}
