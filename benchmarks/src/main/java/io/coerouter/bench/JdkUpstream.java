package io.coerouter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The same upstream on the JDK's {@code com.sun.net.httpserver}, one virtual thread per exchange; for comparison. */
final class JdkUpstream implements Upstream {

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong answered = new AtomicLong();

    private JdkUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static JdkUpstream start() throws IOException {
        return start(0);
    }

    static JdkUpstream start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        JdkUpstream upstream = new JdkUpstream(server, executor);
        server.createContext("/", upstream::handle);
        server.setExecutor(executor);
        server.start();
        return upstream;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            boolean found = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals(PATH);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (!found) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, COMPLETION.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(COMPLETION);
            }
        }
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
