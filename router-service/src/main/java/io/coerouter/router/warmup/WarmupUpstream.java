package io.coerouter.router.warmup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warm-up expert's upstream: an OpenAI-compatible {@code POST /v1/chat/completions} on 127.0.0.1 and a free port,
 * inside this process, answering at once with a fixed completion, or its chunks as server-sent events when the body
 * asks for a stream. Nothing else is served; no provider is called.
 */
final class WarmupUpstream implements AutoCloseable {

    private static final String CONTENT = "Warm-up answer from the router's own stub.";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String model;
    private final AtomicLong answered = new AtomicLong();

    private WarmupUpstream(HttpServer server, ExecutorService executor, String model) {
        this.server = server;
        this.executor = executor;
        this.model = model;
    }

    /** Starts it; {@code model} is the model name its answers carry. */
    static WarmupUpstream start(String model) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        WarmupUpstream upstream = new WarmupUpstream(server, executor, model);
        server.createContext("/", upstream::handle);
        server.setExecutor(executor);
        server.start();
        return upstream;
    }

    /** The base URL an {@code openai} expert is given: {@code http://127.0.0.1:<port>/v1}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** How many completions it answered. */
    long answered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (!exchange.getRequestMethod().equals("POST")
                    || !exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answered.incrementAndGet();
            boolean stream = body.replace(" ", "").contains("\"stream\":true");
            if (stream) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    String[] words = CONTENT.split("(?<= )");
                    for (int i = 0; i < words.length; i++) {
                        String role = i == 0 ? "\"role\":\"assistant\"," : "";
                        event(out, chunk("{" + role + "\"content\":\"" + words[i] + "\"}", "null", ""));
                    }
                    event(out, chunk("{}", "\"stop\"", "," + usage()));
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                }
            } else {
                byte[] json = ("{\"id\":\"chatcmpl-warmup\",\"object\":\"chat.completion\",\"created\":0,\"model\":\""
                                + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                + "\"content\":\"" + CONTENT + "\"},\"finish_reason\":\"stop\"}]," + usage() + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(json);
                }
            }
        }
    }

    private String chunk(String delta, String finish, String more) {
        return "{\"id\":\"chatcmpl-warmup\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]" + more
                + "}";
    }

    private static String usage() {
        return "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}";
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
