package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every protected endpoint (enumerated from the started router's handler mappings, the actuator's included, so new
 * endpoints are covered without listing them here), with every method it answers, spelled every way a path can be
 * spelled, with every credential that must not open it: none, a wrong one, a gateway key on admin routes, the admin
 * and viewer keys on gateway routes, the viewer key on admin writes. None may succeed, each answer is an
 * OpenAI-format error, and none is a 5xx. Requests go over a plain socket, so no client normalises the paths.
 */
class PathMatrixIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static RawHttp http;
    private static String gatewayKey;

    /** A route and method the router answers. */
    record Endpoint(String method, String path) {}

    @BeforeAll
    static void start() throws Exception {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo");
        http = new RawHttp(Routers.port(router));
        RawHttp.Reply created = http.send("POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"matrix\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        gatewayKey = created.json().path("key").asString();
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
    }

    /** Every route of every handler mapping, the actuator's included, less the public probes. */
    static List<Endpoint> protectedEndpoints() {
        return protectedEndpoints(router);
    }

    /** Every route of {@code router}'s handler mappings, the actuator's included, less the public probes. */
    static List<Endpoint> protectedEndpoints(ConfigurableApplicationContext router) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        router.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    List<String> names = methods.isEmpty()
                            ? List.of("GET", "POST", "DELETE")
                            : methods.stream().map(Enum::name).toList();
                    for (String pattern : info.getPatternValues()) {
                        String path = concrete(pattern);
                        for (String method : names) {
                            if (!isPublic(method, path)) {
                                endpoints.add(new Endpoint(method, path));
                            }
                        }
                    }
                }));
        return List.copyOf(endpoints);
    }

    /** A path that the pattern matches: variables and wildcards filled in. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", "x1").replace("/**", "/echo").replace("/*", "/echo");
    }

    private static boolean isPublic(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method))
                        && (path.equals("/actuator/health")
                                || path.startsWith("/actuator/health/")
                                || path.equals("/actuator/info")
                                || path.equals("/actuator/prometheus")
                                || path.equals("/actuator/metrics")
                                || path.startsWith("/actuator/metrics/")
                                || isDocumentation(path)
                                || isConsolePage(path))
                || ("POST".equals(method) && path.equals("/console/login"));
    }

    /** The console's pages and static files and signing in: public (Routes.CONSOLE_FILES, Routes.LOGIN). */
    private static boolean isConsolePage(String path) {
        return path.equals("/console") || path.startsWith("/console/") && !path.equals("/console/logout");
    }

    /** The generated OpenAPI document and Swagger UI: public like /openapi.yaml always was (Routes.PUBLIC). */
    private static boolean isDocumentation(String path) {
        return List.of("/openapi", "/openapi.yaml", "/openapi.json", "/openapi/swagger-config", "/swagger-ui.html")
                        .contains(path)
                || path.startsWith("/swagger-ui/");
    }

    /** The same path spelled other ways Tomcat or Spring could map to it. */
    static List<String> variants(String path) {
        int second = path.indexOf('/', 1);
        String first = second < 0 ? path.substring(1) : path.substring(1, second);
        String rest = second < 0 ? "" : path.substring(second);
        List<String> variants = new ArrayList<>(List.of(
                path,
                "/" + first + ";" + rest,
                "/" + first + ";x" + rest,
                path + ";x",
                path + ";jsessionid=0",
                "/" + hex(first) + rest,
                "/%25" + hex(first.substring(0, 1)).substring(1) + first.substring(1) + rest,
                "//" + path.substring(1),
                path + "/",
                path + "//",
                "/./" + path.substring(1),
                "/%2e/" + path.substring(1),
                "/x/../" + path.substring(1),
                "/x/%2e%2e/" + path.substring(1),
                "/x/%2E%2E/" + path.substring(1),
                "/" + first + "/../" + path.substring(1),
                path.toUpperCase(Locale.ROOT),
                "/" + first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1) + rest,
                "/" + first + "%00" + rest,
                "/" + first + "%09" + rest,
                "/" + first + "%20" + rest,
                path + "?x=/v1/models",
                path + "%3bx"));
        for (int i = 0; i < first.length(); i++) {
            String encoded = hex(first.substring(i, i + 1));
            variants.add("/" + first.substring(0, i) + encoded + first.substring(i + 1) + rest);
            variants.add(
                    "/" + first.substring(0, i) + encoded.toUpperCase(Locale.ROOT) + first.substring(i + 1) + rest);
        }
        if (!rest.isEmpty()) {
            String tail = rest.substring(1);
            variants.addAll(List.of(
                    "/" + first + "%2f" + tail,
                    "/" + first + "%2F" + tail,
                    "/" + first + "%5c" + tail,
                    "/" + first + "%5C" + tail,
                    "/" + first + "\\" + tail,
                    "/" + first + "//" + tail,
                    "/" + first + "/./" + tail,
                    "/" + first + "/%2e/" + tail,
                    "/" + first + "/x/../" + tail,
                    "/" + first + "/x/..;/" + tail,
                    "/" + first + "/;x/" + tail,
                    "/" + first + "%252f" + tail));
        }
        return variants;
    }

    private static String hex(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return out.toString();
    }

    /** The credentials that must not open {@code endpoint}, each with a name for the report. */
    private static List<String[]> wrongCredentials(Endpoint endpoint) {
        List<String[]> credentials = new ArrayList<>();
        credentials.add(new String[] {"none", null});
        credentials.add(new String[] {"wrong", "coe-not-a-real-key-0123456789"});
        if (endpoint.path().startsWith("/v1/")) {
            credentials.add(new String[] {"admin", ADMIN_KEY});
            credentials.add(new String[] {"viewer", VIEWER_KEY});
        } else {
            credentials.add(new String[] {"gateway", gatewayKey});
            // The viewer may write nothing, but may sign out of its own console session.
            if (!"GET".equals(endpoint.method()) && !endpoint.path().equals("/console/logout")) {
                credentials.add(new String[] {"viewer", VIEWER_KEY});
            }
        }
        return credentials;
    }

    @Test
    void noSpellingOfAProtectedPathOpensItWithoutTheRightCredential() throws Exception {
        List<Endpoint> endpoints = protectedEndpoints();
        assertThat(endpoints)
                .as("the handler mappings were read")
                .hasSizeGreaterThanOrEqualTo(45)
                .contains(
                        new Endpoint("POST", "/admin/keys"),
                        new Endpoint("GET", "/v1/files/x1/content"),
                        new Endpoint("DELETE", "/actuator/modelpool/x1"),
                        new Endpoint("POST", "/v1/chat/completions"));

        List<String> failures = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (String path : variants(endpoint.path())) {
                for (String[] credential : wrongCredentials(endpoint)) {
                    String body = "GET".equals(endpoint.method()) || "DELETE".equals(endpoint.method()) ? null : "{}";
                    RawHttp.Reply reply = http.send(endpoint.method(), path, credential[1], body);
                    sent++;
                    statuses.add(reply.status());
                    String problem = null;
                    if (reply.status() != 400 && reply.status() != 401 && reply.status() != 403) {
                        problem = "answered " + reply.status();
                    } else if (!reply.isOpenAiError()) {
                        problem = "not an OpenAI-format error";
                    } else if (reply.status() == 401
                            && !"Bearer".equals(reply.headers().get("www-authenticate"))) {
                        problem = "401 without WWW-Authenticate: Bearer";
                    } else if (path.equals(endpoint.path()) && reply.status() == 400) {
                        problem = "the canonical path was refused as malformed";
                    }
                    if (problem != null) {
                        failures.add(endpoint.method() + " " + path + " as " + credential[0] + ": " + problem + ": "
                                + reply.body()
                                        .substring(0, Math.min(200, reply.body().length())));
                    }
                }
            }
        }

        assertThat(sent).isGreaterThan(5000);
        assertThat(failures)
                .as("%d failures of %d requests", failures.size(), sent)
                .isEmpty();
        assertThat(statuses).containsExactlyInAnyOrder(400, 401, 403);
    }

    /** The matrix is only meaningful if the right credential does open each route (whatever the route answers). */
    @Test
    void theRightCredentialPassesOnTheCanonicalPath() throws Exception {
        List<String> refused = new ArrayList<>();
        for (Endpoint endpoint : protectedEndpoints()) {
            if (endpoint.path().equals("/error")) {
                continue; // the error page is no route: denied to everyone when called directly
            }
            String key = endpoint.path().startsWith("/v1/") ? gatewayKey : ADMIN_KEY;
            String body = "GET".equals(endpoint.method()) || "DELETE".equals(endpoint.method()) ? null : "{}";
            RawHttp.Reply reply = http.send(endpoint.method(), endpoint.path(), key, body);
            if (reply.status() == 401 || reply.status() == 403) {
                refused.add(endpoint + ": " + reply.status() + " " + reply.body());
            }
            if ("GET".equals(endpoint.method()) && !endpoint.path().startsWith("/v1/")) {
                RawHttp.Reply viewed = http.send("GET", endpoint.path(), VIEWER_KEY, null);
                if (viewed.status() == 401 || viewed.status() == 403) {
                    refused.add(endpoint + " as viewer: " + viewed.status() + " " + viewed.body());
                }
            }
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void thePublicProbesNeedNoCredential() throws Exception {
        for (String path : List.of(
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator/info",
                "/openapi.yaml",
                "/openapi.json",
                "/openapi",
                "/swagger-ui/index.html")) {
            assertThat(http.send("GET", path, null, null).status()).as(path).isEqualTo(200);
        }
        RawHttp.Reply unknown = http.send("GET", "/nowhere", null, null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.isOpenAiError()).isTrue();
    }
}
