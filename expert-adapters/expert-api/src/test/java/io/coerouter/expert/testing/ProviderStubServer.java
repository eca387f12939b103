package io.coerouter.expert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for a provider API that tests cannot reach: it records each request and its headers, and plays
 * queued error statuses on the next requests; a subclass speaks the provider's protocol.
 */
public abstract class ProviderStubServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An error answer: HTTP status, the provider's error type, extra headers, and its message (null: a stock one). */
    public record Status(int code, String type, Map<String, String> headers, String message) {

        public Status(int code, String type, Map<String, String> headers) {
            this(code, type, headers, null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Status> faults = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

    ProviderStubServer(String provider) {
        this.server = StubHttp.start(provider, this::handle);
    }

    /** The stub's root URL, {@code http://127.0.0.1:<port>}. */
    final String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public final ProviderStubServer enqueue(Status fault) {
        faults.add(fault);
        return this;
    }

    public final List<JsonNode> received() {
        return List.copyOf(received);
    }

    public final List<Map<String, List<String>>> headers() {
        return List.copyOf(headers);
    }

    public final void reset() {
        faults.clear();
        received.clear();
        headers.clear();
    }

    @Override
    public final void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            received.add(body);
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            if (!routes(exchange.getRequestURI().getPath())) {
                StubHttp.send(exchange, 404, error("not_found_error", "no such route"));
                return;
            }
            Status fault = faults.poll();
            if (fault != null) {
                fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                StubHttp.send(
                        exchange,
                        fault.code(),
                        error(fault.type(), fault.message() == null ? "stub " + fault.type() : fault.message()));
                return;
            }
            answer(exchange, body);
        }
    }

    /** The path this provider answers on. */
    abstract String path();

    /** Whether a request for {@code requestPath} is one this provider answers. */
    boolean routes(String requestPath) {
        return requestPath.endsWith(path());
    }

    /** The provider's error body. */
    abstract String error(String type, String message);

    /** Answers a request with the last user message, in the provider's protocol. */
    abstract void answer(HttpExchange exchange, JsonNode body) throws IOException;
}
