package io.coerouter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the cluster benchmarks ask a router over HTTP: chat completions, admin views, metrics, the Batch API. */
final class RouterHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    /** A status and a body. */
    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private RouterHttp() {}

    /** The body of a greedy chat completion of {@code question} by {@code model}, at most {@code maxTokens}. */
    static String chatBody(String model, String question, int maxTokens) {
        return JSON.writeValueAsString(Map.of(
                "model",
                model,
                "temperature",
                0,
                "max_tokens",
                maxTokens,
                "messages",
                List.of(Map.of("role", "user", "content", question))));
    }

    static Reply post(int port, String path, String json) throws IOException, InterruptedException {
        return send(port, path, "POST", HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    static Reply get(int port, String path) throws IOException, InterruptedException {
        return send(port, path, "GET", HttpRequest.BodyPublishers.noBody(), null);
    }

    static Reply delete(int port, String path) throws IOException, InterruptedException {
        return send(port, path, "DELETE", HttpRequest.BodyPublishers.noBody(), null);
    }

    /** {@code GET path}, which must answer 200 with JSON. */
    static JsonNode getJson(int port, String path) throws IOException, InterruptedException {
        Reply r = get(port, path);
        if (r.status() != 200) {
            throw new IOException("GET " + path + " on port " + port + ": HTTP " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Uploads {@code jsonl} as a batch input file ({@code POST /v1/files}, multipart); returns the file's id. */
    static String uploadBatchFile(int port, String jsonl) throws IOException, InterruptedException {
        String boundary = "coe-bench-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + boundary + "--\r\n";
        Reply r = send(
                port,
                "/v1/files",
                "POST",
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary);
        if (r.status() != 200) {
            throw new IOException("POST /v1/files: HTTP " + r.status() + " " + r.body());
        }
        return r.json().path("id").asString();
    }

    private static Reply send(int port, String path, String method, HttpRequest.BodyPublisher body, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(300))
                .method(method, body);
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
