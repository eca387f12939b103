package io.coerouter.expert.lc4j;

import static dev.langchain4j.http.client.sse.ServerSentEventListenerUtils.ignoringExceptions;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.SocketModalCloseable;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * LangChain4j's HTTP client over one expert's {@link HttpPool}: the whole exchange runs on the caller's thread, a
 * stream's events included (the parser reads the body as it arrives and calls the listener in place), so a call pays
 * no thread hand-off. It answers as LangChain4j's JDK client does: an {@link HttpException} with the status and body
 * for a status outside 2xx, a {@link TimeoutException} for a connect or read timeout, a {@link RuntimeException}
 * around any other {@link IOException}; a stream reports each of these to its listener instead.
 *
 * <p>The read timeout bounds the whole exchange (each socket read waits only for what is left of it); a stream read
 * under a {@link StreamDeadline} uses that one's limits instead. Multipart form data (LangChain4j's image and audio
 * uploads, which no chat model sends) is refused.
 */
final class BlockingHttpClient implements HttpClient {

    private final HttpPool pool;
    private final RequestConfig requestConfig;
    private final long readTimeoutNanos;
    private volatile Target last;

    private BlockingHttpClient(HttpPool pool, Duration connectTimeout, Duration readTimeout) {
        this.pool = pool;
        RequestConfig.Builder config = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(Timeout.of(readTimeout))
                .setConnectionRequestTimeout(Timeout.of(connectTimeout));
        connectTimeout(config, connectTimeout);
        this.requestConfig = config.build();
        this.readTimeoutNanos = readTimeout.toNanos();
    }

    @SuppressWarnings("deprecation") // the pool's ConnectionConfig has the expert's; a model's builder may differ
    private static void connectTimeout(RequestConfig.Builder config, Duration connectTimeout) {
        config.setConnectTimeout(Timeout.of(connectTimeout));
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        long deadline = System.nanoTime() + readTimeoutNanos;
        HttpUriRequestBase exchange = exchange(request);
        HttpClientContext context = HttpClientContext.create();
        try {
            ClassicHttpResponse response =
                    pool.client().executeOpen(target(request).host(), exchange, context);
            byte[] body =
                    body(response, exchange, context, null, deadline, false).readAll();
            if (!successful(response)) {
                throw new HttpException(response.getCode(), new String(body, StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.getCode())
                    .headers(headers(response))
                    .body(body)
                    .build();
        } catch (SocketTimeoutException | ConnectionRequestTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RuntimeException(new InterruptedException("interrupted during the exchange"));
            }
            throw new RuntimeException(e);
        } finally {
            exchange.cancel(); // a no-op once the response is read; frees the connection on any failure
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        StreamDeadline stream = StreamDeadline.current();
        long deadline = System.nanoTime() + readTimeoutNanos;
        HttpUriRequestBase exchange;
        try {
            exchange = exchange(request);
            if (stream != null) {
                // Response headers too must come within what is left of the stream's time (its first-token timeout).
                long left = stream.remainingNanos();
                if (left <= 0) {
                    throw new TimeoutException(new SocketTimeoutException("the stream's deadline has passed"));
                }
                exchange.setConfig(RequestConfig.copy(requestConfig)
                        .setResponseTimeout(Timeout.ofMilliseconds(ResponseBody.millis(left)))
                        .build());
            }
        } catch (RuntimeException e) {
            ignoringExceptions(() -> listener.onError(e));
            return;
        }
        HttpClientContext context = HttpClientContext.create();
        ResponseBody body = null;
        try {
            ClassicHttpResponse response =
                    pool.client().executeOpen(target(request).host(), exchange, context);
            body = body(response, exchange, context, stream, deadline, true);
            if (!successful(response)) {
                HttpException error = new HttpException(response.getCode(), errorBody(body));
                ignoringExceptions(() -> listener.onError(error));
                return;
            }
            SuccessfulHttpResponse open = SuccessfulHttpResponse.builder()
                    .statusCode(response.getCode())
                    .headers(headers(response))
                    .build();
            ignoringExceptions(() -> listener.onOpen(open));
            parser.parse(body, listener);
            ignoringExceptions(listener::onClose);
        } catch (SocketTimeoutException | ConnectionRequestTimeoutException e) {
            ignoringExceptions(() -> listener.onError(new TimeoutException(e)));
        } catch (IOException | RuntimeException e) {
            ignoringExceptions(() -> listener.onError(e));
        } finally {
            if (body != null) {
                body.close(); // read to its end: pooled; otherwise (cancelled, failed, cut) the connection closes
            } else {
                exchange.cancel();
            }
        }
    }

    private ResponseBody body(
            ClassicHttpResponse response,
            HttpUriRequestBase exchange,
            HttpClientContext context,
            StreamDeadline stream,
            long deadline,
            boolean streamed)
            throws IOException {
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        SocketModalCloseable connection =
                context.getAttribute(HttpPool.CONNECTION) instanceof SocketModalCloseable c ? c : null;
        long length = entity == null ? 0 : entity.getContentLength();
        return new ResponseBody(content, connection, exchange, response, stream, deadline, length, streamed);
    }

    /** The error body as LangChain4j's JDK client gives it, or why it could not be read. */
    private static String errorBody(ResponseBody body) {
        try {
            return new String(body.readAll(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Cannot read error response body: " + e.getMessage();
        }
    }

    private HttpUriRequestBase exchange(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("multipart form data is not supported by the experts' HTTP client");
        }
        HttpUriRequestBase exchange =
                new HttpUriRequestBase(request.method().name(), target(request).uri());
        request.headers().forEach((name, values) -> {
            if (values != null) {
                for (String value : values) {
                    exchange.addHeader(name, value);
                }
            }
        });
        if (request.body() != null) {
            // No content type here: LangChain4j's request carries its own Content-Type header.
            exchange.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null));
        }
        exchange.setConfig(requestConfig);
        return exchange;
    }

    /** The request's URL parsed once per distinct URL (an expert's models call one or two). */
    private Target target(HttpRequest request) {
        Target t = last;
        if (t == null || !t.url().equals(request.url())) {
            URI uri = URI.create(request.url());
            t = new Target(request.url(), uri, HttpHost.create(uri));
            last = t;
        }
        return t;
    }

    private record Target(String url, URI uri, HttpHost host) {}

    private static boolean successful(ClassicHttpResponse response) {
        return response.getCode() >= 200 && response.getCode() < 300;
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return headers;
    }

    /** Builds clients over one pool with the timeouts LangChain4j's model builders set. */
    static final class Builder implements HttpClientBuilder {
        private final HttpPool pool;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(HttpPool pool) {
            this.pool = pool;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public BlockingHttpClient build() {
            return new BlockingHttpClient(
                    pool,
                    connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout,
                    readTimeout == null ? Duration.ofSeconds(60) : readTimeout);
        }
    }
}
