package io.coerouter.router;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a remote provider's OpenAI-compatible endpoint on 127.0.0.1: it records the {@code Authorization}
 * header of every request and answers a chat completion, or what the test set with {@link #answer}.
 */
final class RecordingUpstream implements AutoCloseable {

    static final String COMPLETION = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
            + "\"total_tokens\":2}}";

    /** What the stub answers. */
    record Answer(int status, String contentType, String body, String location) {}

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Answer answer = new Answer(200, "application/json", COMPLETION, null);

    RecordingUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            exchange.getRequestBody().readAllBytes();
            Answer a = answer;
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", a.contentType());
            if (a.location() != null) {
                exchange.getResponseHeaders().set("Location", a.location());
            }
            exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The base URL an expert names: {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void answer(Answer next) {
        answer = next;
    }

    /** Every request's Authorization header ("" when none), in order. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    void reset() {
        authorizations.clear();
        answer = new Answer(200, "application/json", COMPLETION, null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
