package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bounded property-based fuzz of every JSON endpoint: each {@code /v1/**} and {@code /admin/**} operation the
 * started router maps (found in its {@link RequestMappingHandlerMapping}, so a new endpoint is covered without a
 * change here) gets generated bodies (its real field names with wrong types, extreme numbers, huge or odd strings,
 * deep nesting, duplicate keys), raw bytes, truncated JSON, odd Content-Types, Accept headers and methods. Every
 * answer must be below 500 (a 503 only with the documented outage codes) and every error OpenAI-format JSON with
 * {@code error.type} and {@code error.message}, free of class names; after each property the router is healthy and
 * still answers a chat request. Echo experts only, state in memory, auth off.
 */
class InputFuzzIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The 503 codes that mean a documented outage (no expert can take it, shared state down), not a bug. */
    private static final Set<String> OUTAGE_CODES =
            Set.of("expert_unavailable", "no_available_expert", "state_unavailable", "expert_cancelled");

    /** Text that must never reach a client: Java class names, stack frames, Jackson's own wording. */
    private static final Pattern INTERNALS = Pattern.compile(
            "tools\\.jackson|com\\.fasterxml|java\\.lang|java\\.io|io\\.coerouter|springframework|\\w+\\$\\w+|\\tat "
                    + "|Exception\\b|JsonNode|StreamReadConstraints|JsonReadFeature");

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}|\\*\\*");

    private static final String ADMIN_KEY = "fuzz-admin-key-0123456789";

    private static ConfigurableApplicationContext router;
    /**
     * The fuzzed router's usage history (its own database), so /admin/usage and /admin/requests answer for real; its
     * response cache is on (in memory), so /admin/cache answers for real too.
     */
    private static io.coerouter.router.usage.UsageTestDatabase usageDb;

    private static String base;
    /** The same router with auth on (coe.auth.enabled, an admin key) and a gateway key, for the smaller auth pass. */
    private static ConfigurableApplicationContext authRouter;

    private static String authBase;
    private static String gatewayKey;
    private static List<Endpoint> endpoints;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** One mapped operation: method and path pattern. */
    record Endpoint(String method, String pattern) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** One generated request. */
    record Call(String method, String path, String contentType, String accept, byte[] body, String bearer) {

        Call(String method, String path, String contentType, String accept, byte[] body) {
            this(method, path, contentType, accept, body, null);
        }

        /** This call with {@code Authorization: Bearer <bearer>}, sent to the router with auth on. */
        Call withBearer(String bearer) {
            return new Call(method, path, contentType, accept, body, bearer);
        }

        @Override
        public String toString() {
            String shown = new String(body, StandardCharsets.UTF_8);
            return (bearer == null ? "" : "[auth on, Bearer " + cut(bearer, 12) + "] ") + method + " " + cut(path, 120)
                    + " [Content-Type: " + cut(contentType, 80) + "; Accept: "
                    + cut(accept, 80) + "] "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "...(" + body.length + " bytes)" : shown);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    /**
     * The distinct problems a property found (keyed by endpoint, status and message start, so one bug is listed once
     * with one example request): the run goes on to find all of them, and the property fails after its tries.
     */
    private static final Map<String, String> PROBLEMS = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeContainer
    static void startRouter() {
        usageDb = io.coerouter.router.usage.UsageTestDatabase.create();
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.redis.url=",
                        "--coe.skills.warm-up=false",
                        "--coe.feedback.enabled=true",
                        "--coe.usage.datasource.url=" + usageDb.url(),
                        "--coe.usage.datasource.username=" + usageDb.username(),
                        "--coe.usage.datasource.password=" + (usageDb.password() == null ? "" : usageDb.password()),
                        "--coe.usage.request-log.enabled=true",
                        "--coe.usage.request-log.capture-content=true",
                        "--coe.cache.enabled=true",
                        "--coe.auth.enabled=false",
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo");
        base = "http://127.0.0.1:" + Routers.port(router);
        // Usage history migrates its database off the start-up path; until then its API answers 503 by design.
        io.coerouter.router.testing.Eventually.until("usage history ready on the fuzzed router", () -> {
            try {
                return HTTP.send(
                                        HttpRequest.newBuilder(URI.create(base + "/admin/usage"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (Exception e) {
                return false;
            }
        });
        authRouter = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.redis.url=",
                        "--coe.skills.warm-up=false",
                        "--coe.feedback.enabled=true",
                        "--coe.auth.enabled=true",
                        "--coe.auth.admin-key=" + ADMIN_KEY,
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo");
        authBase = "http://127.0.0.1:" + Routers.port(authRouter);
        try {
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create(authBase + "/admin/keys"))
                            .header("Authorization", "Bearer " + ADMIN_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fuzz\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            gatewayKey = JSON.readTree(created.body()).path("key").asString();
        } catch (Exception e) {
            throw new IllegalStateException("could not create a gateway key on the auth router", e);
        }
        RequestMappingHandlerMapping mapping =
                router.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> seen = new TreeSet<>();
        endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/v1/") && !pattern.startsWith("/admin/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    if (seen.add(method + " " + pattern)) {
                        endpoints.add(new Endpoint(method.name(), pattern));
                    }
                }
            }
        }
        assertThat(seen)
                .as("the fuzz finds the router's endpoints")
                .contains("POST /v1/chat/completions", "POST /v1/files", "POST /admin/keys", "POST /admin/experts");
    }

    @AfterContainer
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
        if (authRouter != null) {
            authRouter.close();
        }
        if (usageDb != null) {
            usageDb.close();
        }
    }

    /** After every property: no problem found, health is UP and a plain chat request still gets its answer. */
    @AfterProperty
    void routerStaysHealthy() throws Exception {
        List<String> problems = new ArrayList<>(PROBLEMS.values());
        PROBLEMS.clear();
        if (!problems.isEmpty()) {
            String report = problems.size() + " distinct problems:\n\n" + String.join("\n\n", problems);
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target", "input-fuzz-problems.txt"),
                    report + "\n\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            throw new AssertionError(report);
        }
        for (String url : List.of(base, authBase)) {
            HttpResponse<String> health = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                            .header("Authorization", "Bearer " + ADMIN_KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(url + " health").isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
        }

        HttpResponse<String> chat = send(new Call(
                "POST",
                "/v1/chat/completions",
                "application/json",
                "application/json",
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"still here\"}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(JSON.readTree(chat.body())
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("still here");
    }

    @Property(tries = 1500, shrinking = ShrinkingMode.OFF)
    void wrongButWellFormedJsonGetsAClientError(@ForAll("jsonCalls") Call call) throws Exception {
        check(call);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void rawBytesAndTruncatedJsonGetAClientError(@ForAll("rawCalls") Call call) throws Exception {
        check(call);
    }

    @Property(tries = 600, shrinking = ShrinkingMode.OFF)
    void oddContentTypesAcceptHeadersAndMethodsGetAClientError(@ForAll("headerCalls") Call call) throws Exception {
        check(call);
    }

    /** With auth on: no credential, a wrong one, a gateway key, the admin key; the same rule whatever the answer. */
    @Property(tries = 400, shrinking = ShrinkingMode.OFF)
    void withAuthOnEveryCredentialGetsTheSameRule(
            @ForAll("jsonCalls") Call json, @ForAll("headerCalls") Call headers, @ForAll("bearers") String bearer)
            throws Exception {
        check(json.withBearer(bearer));
        check(headers.withBearer(bearer));
    }

    @Provide
    Arbitrary<String> bearers() {
        return Arbitraries.of(
                "",
                "wrong",
                "sk-coe-0000",
                ADMIN_KEY,
                ADMIN_KEY,
                "gateway",
                "gateway",
                ADMIN_KEY + "x",
                "x".repeat(4_000));
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void oddMultipartUploadsGetAClientError(@ForAll("multipartCalls") Call call) throws Exception {
        check(call);
    }

    // ---- the check every answer passes ----

    private static void check(Call call) throws Exception {
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request(call), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException refusedAtTheConnection) {
            // The server may close the connection on a request it will not read (Tomcat on a body over its limit):
            // no 5xx and no internals there, so nothing to check.
            return;
        }
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String problem = problem(call, status, contentType, text);
        if (problem != null) {
            // A 5xx is a bug of its endpoint; other problems (a non-JSON error page) are one bug whatever the path.
            String kind = problem.replaceAll("[:(].*", "");
            String key = call.method() + " " + status + " " + kind
                    + (status >= 500 || kind.startsWith("an internal name") ? " " + endpointOf(call.path()) : "");
            PROBLEMS.putIfAbsent(
                    key,
                    problem + "\n  request: " + call + "\n  response: " + status + " " + contentType + " "
                            + cut(text, 400));
        }
    }

    /** What is wrong with this answer, or null. */
    private static String problem(Call call, int status, String contentType, String text) {
        if (status < 200 || status > 599) {
            return "status " + status;
        }
        if (text.contains(ADMIN_KEY)) {
            return "the admin key in a response";
        }
        if (status < 400 || call.method().equals("HEAD")) {
            return null;
        }
        if (!contentType.startsWith("application/json")) {
            return "an error that is not JSON (" + cut(contentType, 40) + ")";
        }
        JsonNode error;
        try {
            error = JSON.readTree(text).path("error");
        } catch (RuntimeException notJson) {
            return "an error body that is not JSON";
        }
        if (!error.path("type").isString() || !error.path("message").isString()) {
            return "an error without error.type and error.message: " + cut(text, 80);
        }
        String message = error.path("message").asString();
        if (message.isBlank() || message.length() >= 2_000) {
            return "an error message blank or over 2000 characters";
        }
        if (message.contains("root:") || message.contains("/bin/")) {
            return "file content in the message: " + cut(message, 120);
        }
        Matcher internal = INTERNALS.matcher(message);
        if (internal.find()) {
            return "an internal name in the message (" + internal.group() + "): " + cut(message, 120);
        }
        if (status >= 500
                && !(status == 503 && OUTAGE_CODES.contains(error.path("code").asString()))) {
            return "a " + status + " (" + error.path("code").asString() + "): " + cut(message, 120);
        }
        return null;
    }

    /** The path with ids replaced by {id}, to group problems by endpoint. */
    private static String endpointOf(String path) {
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (Endpoint e : endpoints) {
            Pattern p = Pattern.compile(Pattern.quote(e.pattern())
                    .replaceAll("\\{[^}]+}", "\\\\E[^/]*\\\\Q")
                    .replace("**", "\\E.*\\Q"));
            if (p.matcher(plain).matches()) {
                return e.pattern();
            }
        }
        return cut(plain, 60);
    }

    private static HttpResponse<String> send(Call call) throws Exception {
        return HTTP.send(request(call), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create((call.bearer() == null ? base : authBase) + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(
                        call.method(),
                        call.body().length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.accept() != null) {
            request.header("Accept", call.accept());
        }
        if (call.bearer() != null) {
            request.header("Authorization", "Bearer " + (call.bearer().equals("gateway") ? gatewayKey : call.bearer()));
        }
        return request.build();
    }

    // ---- generators ----

    /** The request fields each family of endpoints reads, by path prefix; any other endpoint gets all of them. */
    private static final Map<String, List<String>> FIELDS = new LinkedHashMap<>();

    static {
        List<String> chat = List.of(
                "model",
                "messages",
                "stream",
                "stream_options",
                "temperature",
                "top_p",
                "max_tokens",
                "max_completion_tokens",
                "n",
                "stop",
                "seed",
                "presence_penalty",
                "frequency_penalty",
                "logprobs",
                "response_format",
                "coe",
                "user",
                "metadata",
                "tools");
        FIELDS.put("/v1/chat/completions", chat);
        FIELDS.put("/v1/route", chat);
        FIELDS.put(
                "/v1/batches",
                List.of("input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after"));
        FIELDS.put(
                "/admin/keys",
                List.of(
                        "name",
                        "models",
                        "experts",
                        "requests_per_minute",
                        "tokens_per_minute",
                        "budget_usd",
                        "enabled"));
        FIELDS.put(
                "/admin/experts",
                List.of(
                        "id",
                        "adapter",
                        "base_url",
                        "model",
                        "model_path",
                        "api_key_env",
                        "input_price_per_1k",
                        "output_price_per_1k",
                        "max_concurrency",
                        "connect_timeout",
                        "request_timeout",
                        "first_token_timeout",
                        "context_window",
                        "resilience",
                        "fallbacks",
                        "options",
                        "state"));
        List<String> jobs = List.of(
                "experts",
                "candidates",
                "eval_set",
                "eval_path",
                "split",
                "on_error",
                "grader",
                "judge",
                "methods",
                "aggregators",
                "random_k",
                "seed",
                "min_per_skill",
                "batch_size",
                "max_tokens");
        FIELDS.put("/admin/profiles", List.of("experts", "skills", "version", "profiles", "eval_set", "batch_size"));
        FIELDS.put("/admin/evaluations", jobs);
        FIELDS.put("/admin/aggregators", jobs);
        FIELDS.put("/admin/jobs", jobs);
        // Before /admin/skills: a pattern takes the first entry it starts with.
        FIELDS.put("/admin/skills/discover", List.of("question", "answer", "grader"));
        FIELDS.put("/admin/skills", List.of("skills", "id", "description", "examples"));
        FIELDS.put("/v1/feedback", List.of("id", "score", "expert"));
        FIELDS.put("/admin/feedback", List.of("id", "score", "expert"));
    }

    private static final List<String> ALL_FIELDS =
            FIELDS.values().stream().flatMap(List::stream).distinct().toList();

    private static List<String> fieldsOf(String pattern) {
        return FIELDS.entrySet().stream()
                .filter(e -> pattern.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(ALL_FIELDS);
    }

    /** A body the endpoint would accept, as a start that one or two wrong fields then spoil. */
    private static Map<String, String> template(String pattern) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (pattern.equals("/v1/chat/completions") || pattern.equals("/v1/route")) {
            fields.put("model", "\"echo\"");
            fields.put("messages", "[{\"role\":\"user\",\"content\":\"hi\"}]");
        } else if (pattern.equals("/admin/keys")) {
            fields.put("name", "\"fuzz\"");
        } else if (pattern.equals("/admin/experts")) {
            fields.put("id", "\"fuzz-expert\"");
            fields.put("adapter", "\"echo\"");
        } else if (pattern.equals("/v1/batches")) {
            fields.put("input_file_id", "\"file-fuzz\"");
            fields.put("endpoint", "\"/v1/chat/completions\"");
            fields.put("completion_window", "\"24h\"");
        }
        return fields;
    }

    private static final String HUGE_INTEGER = "1" + "0".repeat(400);

    /** JSON values that are wrong for almost any field: extreme numbers, NaN-like strings, odd text, odd shapes. */
    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "1e999",
                        "-1e999",
                        "1e99999",
                        "-0",
                        "-0.0",
                        HUGE_INTEGER,
                        "-" + HUGE_INTEGER,
                        "0." + "0".repeat(400) + "1",
                        "9223372036854775808",
                        "-9223372036854775809",
                        "2147483648",
                        "-2147483649",
                        "4.9e-324",
                        "1.7976931348623157e308",
                        "0",
                        "1",
                        "-1",
                        "0.5",
                        "2",
                        "128",
                        "true",
                        "false",
                        "null",
                        "\"NaN\"",
                        "\"Infinity\"",
                        "\"-Infinity\"",
                        "\"1e999\"",
                        "\"\"",
                        "\" \"",
                        "\"echo\"",
                        "\"\\u0000\"",
                        "\"\\ud800\"",
                        "\"\\udc00x\"",
                        "\"\u202e\u0645\u0631\u062d\u0628\u0627\"",
                        "\"😀🧪\"",
                        "\"../../../../etc/passwd\"",
                        "\"file:/etc/passwd\"",
                        "\"http://169.254.169.254/\"",
                        "\"%00%2f..\"",
                        "\"${COE_ADMIN_KEY}\"",
                        "\"1h\"",
                        "\"-1s\"",
                        "\"PT-1S\"",
                        "\"user\"",
                        "\"text\"",
                        "\"open\"",
                        "[]",
                        "{}",
                        "[null]",
                        "[\"echo\"]",
                        "[{\"role\":\"user\",\"content\":\"hi\"}]",
                        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1e999}]}]",
                        "{\"include_usage\":\"yes\"}",
                        "{\"k\":" + HUGE_INTEGER
                                + ",\"max_cost_usd\":1e99999,\"max_latency_ms\":-0,\"tradeoff\":1e999}",
                        "{\"type\":{\"type\":[]}}"),
                Arbitraries.strings().ofMaxLength(40).map(InputFuzzIT::jsonString),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\uffff')
                        .ofMaxLength(20)
                        .map(InputFuzzIT::jsonString),
                Arbitraries.integers().between(1_000, 120_000).map(n -> jsonString("x".repeat(n))),
                Arbitraries.bigIntegers()
                        .between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(Object::toString),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e999"),
                Arbitraries.integers().between(2, 700).map(InputFuzzIT::nested));
    }

    private static String nested(int depth) {
        return depth % 2 == 0
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String jsonString(String s) {
        return JSON.writeValueAsString(s);
    }

    /** An object from {@code names}, values wrong or nested, sometimes with a key twice. */
    private static Arbitrary<String> object(List<String> names, Map<String, String> start) {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of(names),
                Arbitraries.of(names),
                Arbitraries.of(names),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("x".repeat(5_000), "", "coe", "k", "role", "content", "\u0000", "__proto__"));
        Arbitrary<String> value = Arbitraries.oneOf(
                scalar(),
                scalar(),
                scalar(),
                Combinators.combine(Arbitraries.of(ALL_FIELDS), scalar(), scalar())
                        .as((n, a, b) -> "{" + jsonString(n) + ":" + a + "," + jsonString(n) + ":" + b + "}"),
                Combinators.combine(Arbitraries.of(names), scalar())
                        .as((n, v) -> "[{" + jsonString(n) + ":" + v + "}]"));
        Arbitrary<List<Map.Entry<String, String>>> entries =
                Combinators.combine(name, value).as(Map::entry).list().ofMaxSize(6);
        return Combinators.combine(entries, Arbitraries.integers().between(0, 9))
                .as((list, duplicate) -> {
                    List<String> parts = new ArrayList<>();
                    Map<String, String> fields = new LinkedHashMap<>(start);
                    for (Map.Entry<String, String> e : list) {
                        if (duplicate == 0 && fields.containsKey(e.getKey())) {
                            parts.add(jsonString(e.getKey()) + ":" + e.getValue());
                        } else {
                            fields.put(e.getKey(), e.getValue());
                        }
                    }
                    fields.forEach((k, v) -> parts.add(jsonString(k) + ":" + v));
                    if (duplicate == 1 && !fields.isEmpty()) {
                        String first = fields.keySet().iterator().next();
                        parts.add(jsonString(first) + ":" + fields.get(first));
                    }
                    return "{" + String.join(",", parts) + "}";
                });
    }

    /** A path for the pattern: its variables filled with ids that exist, do not, or are odd (never the echo expert). */
    private static Arbitrary<String> path(String pattern) {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(
                        "x",
                        "fuzz",
                        "fuzz-expert",
                        "Infinity",
                        "NaN",
                        "-0",
                        "1e999",
                        HUGE_INTEGER,
                        "file-fuzz",
                        "cache-fuzz",
                        "batch_fuzz",
                        "job-1",
                        "key_1",
                        "v1",
                        "%F0%9F%98%80",
                        "%C3%A4",
                        "..%20",
                        "a.json",
                        "a%20b"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(300));
        return segment.map(s -> {
            Matcher m = PATH_VARIABLE.matcher(pattern);
            return m.replaceAll(Matcher.quoteReplacement(s));
        });
    }

    private static Arbitrary<String> query() {
        return Arbitraries.of(
                "",
                "",
                "",
                "?limit=abc",
                "?limit=" + HUGE_INTEGER,
                "?limit=-1",
                "?limit=1e999",
                "?after=" + "z".repeat(300),
                "?purpose=%00",
                "?allow_unknown_experts=maybe",
                "?limit=20&limit=21",
                "?group_by=nope&bucket=minute",
                "?group_by=expert&bucket=hour&from=2000-01-01T00:00:00Z",
                "?from=yesterday&to=%00",
                "?from=+1000000000-01-01T00:00:00Z",
                "?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "?format=xml",
                "?format=csv&group_by=skill&bucket=none",
                "?status=maybe&key=" + "k".repeat(300),
                "?expert=%22%3E%3Cscript%3E&before=" + "x".repeat(300),
                "?all=maybe&skill=%01",
                "?all=true&key=" + "k".repeat(300),
                "?all=false",
                "?skill=%F0%9F%98%80&expert=&limit=501",
                "?key=a%0Ab&all=true&all=true");
    }

    @Provide
    Arbitrary<Call> jsonCalls() {
        return Arbitraries.of(endpoints).flatMap(e -> {
            boolean fromTemplate = !template(e.pattern()).isEmpty();
            Arbitrary<String> body = Arbitraries.oneOf(
                    object(fieldsOf(e.pattern()), Map.of()),
                    object(fieldsOf(e.pattern()), fromTemplate ? template(e.pattern()) : Map.of()),
                    object(fieldsOf(e.pattern()), fromTemplate ? template(e.pattern()) : Map.of()),
                    scalar());
            return Combinators.combine(path(e.pattern()), query(), body)
                    .as((p, q, b) -> new Call(
                            e.method(),
                            p + q,
                            "application/json",
                            "application/json",
                            b.getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Provide
    Arbitrary<Call> rawCalls() {
        return Arbitraries.of(endpoints).flatMap(e -> {
            Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
            Arbitrary<byte[]> truncated = Combinators.combine(
                            object(fieldsOf(e.pattern()), template(e.pattern())),
                            Arbitraries.doubles().between(0, 1))
                    .as((json, cut) ->
                            json.substring(0, (int) (json.length() * cut)).getBytes(StandardCharsets.UTF_8));
            Arbitrary<byte[]> encodings = Arbitraries.of(
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                    new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
                    "{\"model\":\"\u00e9cho\"}".getBytes(StandardCharsets.ISO_8859_1),
                    "{\"model\":\"echo\"}".getBytes(StandardCharsets.UTF_16LE),
                    "{\"model\":\"echo\"}".getBytes(java.nio.charset.Charset.forName("UTF-32")),
                    new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'},
                    new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'},
                    "{} {}".getBytes(StandardCharsets.UTF_8),
                    "{}garbage".getBytes(StandardCharsets.UTF_8),
                    "\"just a string\"".getBytes(StandardCharsets.UTF_8),
                    "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
                    ("{\"a\":\"" + "y".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
            return Combinators.combine(
                            path(e.pattern()),
                            Arbitraries.oneOf(garbage, truncated, truncated, encodings),
                            Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain"))
                    .as((p, b, type) -> new Call(e.method(), p, type, null, b));
        });
    }

    @Provide
    Arbitrary<Call> headerCalls() {
        Arbitrary<String> contentType = Arbitraries.of(
                "application/*",
                "*/*",
                "*",
                "text/plain",
                "text/html; charset=utf-8",
                "application/x-www-form-urlencoded",
                "application/xml",
                "application/json; charset=utf-16",
                "application/json; charset=latin1",
                "application/json; charset=bogus",
                "application/json; charset=",
                "application/json; charset=\"utf-8",
                "application/json;;;",
                "application/json; q=x",
                "application/json/extra",
                "json",
                "",
                ";",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/form-data; boundary=xyz",
                "multipart/mixed",
                "application/octet-stream",
                "application/x-ndjson",
                "text/event-stream",
                "APPLICATION/JSON",
                "application/json, text/plain",
                "x".repeat(3_000));
        Arbitrary<String> accept = Arbitraries.of(
                null,
                "*/*",
                "application/json",
                "text/event-stream",
                "text/html",
                "application/xml",
                "image/png",
                "application/*",
                "*",
                "garbage",
                "application/json;q=0",
                "text/plain;q=0.5, */*;q=0",
                "application/json; charset=bogus",
                "");
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");
        return Arbitraries.of(endpoints).flatMap(e -> Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.just(e.method()), method),
                        path(e.pattern()),
                        contentType,
                        accept,
                        Arbitraries.oneOf(
                                object(fieldsOf(e.pattern()), template(e.pattern())), Arbitraries.just(""), scalar()))
                .as((m, p, type, acc, body) -> new Call(m, p, type, acc, body.getBytes(StandardCharsets.UTF_8))));
    }

    @Provide
    Arbitrary<Call> multipartCalls() {
        String boundary = "fuzzboundary";
        Arbitrary<String> purpose = Arbitraries.of("batch", "", "fine-tune", "x".repeat(1000), "\u0000");
        Arbitrary<String> content = Arbitraries.oneOf(
                object(fieldsOf("/v1/chat/completions"), template("/v1/chat/completions"))
                        .map(body ->
                                "{\"custom_id\":\"1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                                        + body + "}\n"),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.just(""));
        Arbitrary<String> filename = Arbitraries.of(
                "in.jsonl", "../../etc/passwd", "", "a\u0000b.jsonl", "x".repeat(500) + ".jsonl", "\"quoted\".jsonl");
        Arbitrary<String> layout = Arbitraries.of("both", "no-file", "no-purpose", "file-twice", "truncated");
        return Combinators.combine(purpose, content, filename, layout, Arbitraries.of(boundary, "", "other"))
                .as((p, c, f, l, b) -> {
                    StringBuilder body = new StringBuilder();
                    if (!l.equals("no-purpose")) {
                        body.append("--")
                                .append(boundary)
                                .append("\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n")
                                .append(p)
                                .append("\r\n");
                    }
                    int files = l.equals("no-file") ? 0 : l.equals("file-twice") ? 2 : 1;
                    for (int i = 0; i < files; i++) {
                        body.append("--")
                                .append(boundary)
                                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                                .append(f)
                                .append("\"\r\nContent-Type: application/jsonl\r\n\r\n")
                                .append(c)
                                .append("\r\n");
                    }
                    if (!l.equals("truncated")) {
                        body.append("--").append(boundary).append("--\r\n");
                    }
                    String type = b.isEmpty() ? "multipart/form-data" : "multipart/form-data; boundary=" + b;
                    return new Call(
                            "POST",
                            "/v1/files",
                            type,
                            "application/json",
                            body.toString().getBytes(StandardCharsets.UTF_8));
                });
    }
}
