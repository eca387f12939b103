package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link PathMatrixIT} on a worker ({@code coe.role=worker}), auth on: every route the worker maps, spelled every way,
 * with no credential, a wrong one, or the viewer's on a write, is refused with an OpenAI-format error and never a 5xx;
 * a route a worker does not serve is 404 {@code not_served_by_worker} whatever the credential; the ones it serves (the
 * cluster and pool views, the actuator) still need the admin or viewer credential.
 */
class WorkerPathMatrixIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-0123456789";
    private static final List<String> SERVED = List.of("/admin/cluster", "/admin/pool");
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext worker;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        worker = Routers.start(
                REDIS,
                "--coe.role=worker",
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo");
        http = new RawHttp(Routers.port(worker));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        REDIS.close();
    }

    private static boolean served(String path) {
        return SERVED.contains(path) || path.startsWith("/admin/pool/") || path.startsWith("/actuator/");
    }

    @Test
    void noSpellingOfAPathOpensAWorkerWithoutTheRightCredential() throws Exception {
        List<PathMatrixIT.Endpoint> endpoints = PathMatrixIT.protectedEndpoints(worker);
        assertThat(endpoints)
                .contains(
                        new PathMatrixIT.Endpoint("GET", "/admin/cluster"),
                        new PathMatrixIT.Endpoint("POST", "/v1/chat/completions"));
        List<String> failures = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        for (PathMatrixIT.Endpoint endpoint : endpoints) {
            List<String[]> credentials = new ArrayList<>();
            credentials.add(new String[] {"none", null});
            credentials.add(new String[] {"wrong", "coe-not-a-real-key-0123456789"});
            if (!"GET".equals(endpoint.method())) {
                credentials.add(new String[] {"viewer", VIEWER_KEY});
            }
            for (String path : PathMatrixIT.variants(endpoint.path())) {
                for (String[] credential : credentials) {
                    String body = "GET".equals(endpoint.method()) || "DELETE".equals(endpoint.method()) ? null : "{}";
                    RawHttp.Reply reply = http.send(endpoint.method(), path, credential[1], body);
                    statuses.add(reply.status());
                    String problem = null;
                    if (reply.status() != 400
                            && reply.status() != 401
                            && reply.status() != 403
                            && reply.status() != 404) {
                        problem = "answered " + reply.status();
                    } else if (!reply.isOpenAiError()) {
                        problem = "not an OpenAI-format error";
                    } else if (reply.status() == 404
                            && !"not_served_by_worker"
                                    .equals(reply.json()
                                            .path("error")
                                            .path("code")
                                            .asString())) {
                        problem = "a 404 other than not_served_by_worker";
                    } else if (reply.status() == 404 && path.equals(endpoint.path()) && served(path)) {
                        problem = "a route the worker serves answered 404";
                    }
                    if (problem != null) {
                        failures.add(endpoint.method() + " " + path + " as " + credential[0] + ": " + problem + ": "
                                + reply.body()
                                        .substring(0, Math.min(200, reply.body().length())));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(statuses).contains(401, 404);
    }

    @Test
    void theAdminAndViewerReadTheClusterAndPoolViewsAndNoCredentialOpensTheApi() throws Exception {
        for (String path : SERVED) {
            for (String key : List.of(ADMIN_KEY, VIEWER_KEY)) {
                RawHttp.Reply reply = http.send("GET", path, key, null);
                assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
            }
        }
        assertThat(http.send("GET", "/admin/cluster", ADMIN_KEY, null)
                        .json()
                        .path("role")
                        .asString())
                .isEqualTo("worker");
        RawHttp.Reply chat = http.send(
                "POST",
                "/v1/chat/completions",
                ADMIN_KEY,
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(chat.status()).isEqualTo(404);
        assertThat(chat.json().path("error").path("code").asString()).isEqualTo("not_served_by_worker");
    }
}
