package io.coerouter.expert.lc4j;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a request once more, at once, when its first attempt got no response at all: the server closed the
 * connection before a byte of the status line came back, which is what a keep-alive connection the server closed while
 * it sat idle in the pool looks like (the close raced the 2 s validity check). Nothing else is retried here: a
 * request that reached the provider and failed is the resilience layer's (attempts, backoff, the circuit breaker), and
 * a status code is an answer. The experts' request bodies are byte arrays, so a request can be sent again as it was.
 */
final class StaleConnectionRetry implements HttpRequestRetryStrategy {

    static final StaleConnectionRetry INSTANCE = new StaleConnectionRetry();

    private StaleConnectionRetry() {}

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return execCount == 1 && exception instanceof NoHttpResponseException;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
