package io.coerouter.expert.lc4j;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One expert's keep-alive connections (Apache HttpClient 5, classic: blocking, on the caller's thread), shared by the
 * clients its LangChain4j models build ({@link #builder}). At most {@link #MAX_PER_ROUTE} connections to its one origin
 * (or the expert's {@code max-concurrency}, if larger); a call that finds them all busy waits up to the connect timeout
 * for one. No redirects (a credential goes to the
 * configured host only), no automatic retries (retrying is the router's decision) but for a request that got no
 * response at all on its first attempt ({@link StaleConnectionRetry}: a pooled connection the server had closed), no
 * cookies, no auth cache, no
 * compression (a stream must not wait on a compressor); TLS from the JVM's defaults ({@code javax.net.ssl.*}) with
 * hostname verification. A connection idle for 2 s or more is checked before reuse (a read of up to 1 ms, so one
 * the server closed meanwhile is not sent on), expires after the server's keep-alive (or three minutes), and is closed
 * after {@link #IDLE} unused by one evictor thread shared by every pool.
 */
final class HttpPool implements AutoCloseable {

    /** Connections to the expert's origin at most, unless its max-concurrency is larger: far above the default 16. */
    static final int MAX_PER_ROUTE = 256;

    /** The context attribute {@link CapturingExecutor} leaves the exchange's connection under. */
    static final String CONNECTION = HttpPool.class.getName() + ".connection";

    /** How long a connection may sit unused in the pool before it is closed. */
    static final Duration IDLE = Duration.ofSeconds(15);

    /**
     * One daemon thread for every pool of the process: it closes connections idle longer than their pool allows or
     * past the server's keep-alive, so sockets a server closed while they sat in the pool (left in CLOSE_WAIT) are
     * released within seconds rather than at their next use, which may never come.
     */
    private static final ScheduledExecutorService EVICTOR = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("coe-http-pool-evictor").unstarted(task));

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final ScheduledFuture<?> eviction;

    private HttpPool(Duration connectTimeout, int maxConnections, Duration idle) {
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxConnections)
                .setMaxConnTotal(maxConnections)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                .setDefaultSocketConfig(
                        SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setRequestExecutor(new CapturingExecutor())
                .disableRedirectHandling()
                .setRetryStrategy(StaleConnectionRetry.INSTANCE)
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .build();
        // The task holds the pool weakly: a pool dropped unclosed is still collected (and closed by its Cleaner).
        WeakReference<PoolingHttpClientConnectionManager> pool = new WeakReference<>(connections);
        TimeValue idleTime = TimeValue.ofMilliseconds(idle.toMillis());
        long every = Math.clamp(idle.toMillis() / 3, 100, 5_000);
        this.eviction =
                EVICTOR.scheduleWithFixedDelay(() -> evict(pool, idleTime), every, every, TimeUnit.MILLISECONDS);
    }

    private static void evict(WeakReference<PoolingHttpClientConnectionManager> pool, TimeValue idle) {
        PoolingHttpClientConnectionManager connections = pool.get();
        if (connections == null) {
            throw new CancellationException("the pool is gone"); // ends this periodic task
        }
        connections.closeExpired();
        connections.closeIdle(idle);
    }

    /** A pool of {@link #MAX_PER_ROUTE} connections whose new connections give up after {@code connectTimeout}. */
    static HttpPool create(Duration connectTimeout) {
        return create(connectTimeout, MAX_PER_ROUTE);
    }

    /** A pool of {@code maxConcurrency} connections, or {@link #MAX_PER_ROUTE} if that is more. */
    static HttpPool create(Duration connectTimeout, int maxConcurrency) {
        return create(connectTimeout, maxConcurrency, IDLE);
    }

    /** The same, its connections closed after {@code idle} unused. */
    static HttpPool create(Duration connectTimeout, int maxConcurrency, Duration idle) {
        return new HttpPool(connectTimeout, Math.max(MAX_PER_ROUTE, maxConcurrency), idle);
    }

    /** A LangChain4j client builder over this pool. */
    BlockingHttpClient.Builder builder() {
        return new BlockingHttpClient.Builder(this);
    }

    CloseableHttpClient client() {
        return client;
    }

    /** Connections open now, leased and idle: for tests and the log. */
    int openConnections() {
        var stats = connections.getTotalStats();
        return stats.getLeased() + stats.getAvailable();
    }

    /** Closes every connection now, in use or idle; calls after this fail. */
    @Override
    public void close() {
        eviction.cancel(false);
        client.close(CloseMode.IMMEDIATE);
    }

    /** Leaves the connection an exchange runs on in its context, so its body's reads can set the socket's timeout. */
    private static final class CapturingExecutor extends HttpRequestExecutor {
        @Override
        public ClassicHttpResponse execute(
                ClassicHttpRequest request,
                HttpClientConnection connection,
                HttpResponseInformationCallback informationCallback,
                HttpContext context)
                throws IOException, HttpException {
            context.setAttribute(CONNECTION, connection);
            return super.execute(request, connection, informationCallback, context);
        }
    }
}
