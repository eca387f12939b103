package io.coerouter.router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for the tests that run the service on a random port. */
final class DemoHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String bearer;

    DemoHttp(int port) {
        this(port, null);
    }

    /** A client that sends {@code Authorization: Bearer <bearer>} (null: none). */
    DemoHttp(int port, String bearer) {
        this.port = port;
        this.bearer = bearer;
    }

    /** This client with another key. */
    DemoHttp as(String key) {
        return new DemoHttp(port, key);
    }

    /** A response: status, the body parsed when it is JSON, and the body as text. */
    record Reply(int status, JsonNode body, String raw) {}

    Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // Only JSON is parsed: metrics and streams come back as text in raw.
        boolean json = response.headers()
                .firstValue("Content-Type")
                .filter(t -> t.contains("json"))
                .isPresent();
        JsonNode parsed = json && !response.body().isBlank() ? JSON.readTree(response.body()) : null;
        return new Reply(response.statusCode(), parsed, response.body());
    }

    /** Posts a chat request and returns the raw response (for streams). */
    java.net.http.HttpResponse<String> stream(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Reply post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** The experts a chat answer's {@code coe} trace lists, as {@code id:status}, in call order. */
    static java.util.List<String> experts(Reply answer) {
        java.util.List<String> seen = new java.util.ArrayList<>();
        answer.body()
                .path("coe")
                .path("experts")
                .forEach(e -> seen.add(
                        e.path("id").asString() + ":" + e.path("status").asString()));
        return seen;
    }

    static String chat(String model, String question, String coe) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.writeValueAsString(question) + "}]" + (coe == null ? "" : ",\"coe\":" + coe) + "}";
    }
}
