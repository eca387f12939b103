package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.web.ExpertJson;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import io.coerouter.router.usage.UsageTestDatabase;
import io.coerouter.router.warmup.Warmup;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warm-up at readiness on a router with auth, the response cache and usage history (real PostgreSQL) on: the
 * readiness state becomes ACCEPTING_TRAFFIC only after the warm-up answered all its requests (while liveness was
 * already CORRECT), its calls went through the openai expert client to the in-process stub, and it left nothing
 * behind: no model in /v1/models, no usage, no cache entry or cache count, no key, no meter naming its expert, no
 * request in the console's live metrics; its header does nothing from outside.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmupIT {

    private static final int REQUESTS = 40;
    private static final String ADMIN_KEY = "admin-warmup-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    /** What was known each time the readiness state changed: the warm-up's report then. */
    private static final List<String> READINESS_CHANGES = new CopyOnWriteArrayList<>();

    private static UsageTestDatabase db;
    private static ConfigurableApplicationContext router;

    @BeforeAll
    static void start() {
        db = UsageTestDatabase.create();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--coe.redis.url=" + REDIS.url(),
                "--coe.redis.key-prefix=" + REDIS.prefix(),
                "--coe.skills.warm-up=false",
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.cache.enabled=true",
                "--coe.cache.store=memory",
                "--coe.usage.datasource.url=" + db.url(),
                "--coe.usage.datasource.username=" + db.username(),
                "--coe.usage.datasource.password=" + db.password(),
                "--coe.usage.flush-interval=50ms",
                "--coe.warmup.enabled=true",
                "--coe.warmup.requests=" + REQUESTS,
                "--coe.warmup.timeout=60s"));
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .listeners(event -> {
                    if (event instanceof AvailabilityChangeEvent<?> change
                            && change.getState() instanceof ReadinessState state
                            && change.getSource() instanceof ConfigurableApplicationContext context) {
                        Warmup.Report report = context.getBean(Warmup.class).report();
                        READINESS_CHANGES.add(state + " after warm-up " + (report == null ? "none" : report.sent()));
                    }
                })
                .run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
        if (db != null) {
            db.close();
        }
    }

    @Test
    void readinessComesOnlyAfterTheWarmUpAnsweredItsRequestsThroughTheExpertClient(CapturedOutput output)
            throws Exception {
        Warmup.Report report = router.getBean(Warmup.class).report();

        assertThat(report.ran()).isTrue();
        assertThat(report.sent()).isEqualTo(REQUESTS);
        assertThat(report.answered()).isEqualTo(REQUESTS);
        assertThat(report.upstreamCalls())
                .as("calls through the openai client to the stub")
                .isEqualTo(REQUESTS);
        assertThat(report.timedOut()).isFalse();
        assertThat(report.readinessDuring()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        assertThat(report.livenessDuring()).isEqualTo(LivenessState.CORRECT);
        assertThat(READINESS_CHANGES).containsExactly("ACCEPTING_TRAFFIC after warm-up " + REQUESTS);
        assertThat(Routers.http(router).get("/actuator/health/readiness").status())
                .isEqualTo(200);
        assertThat(output.getAll()).contains("warm-up: " + REQUESTS + " requests answered");
    }

    @Test
    void theWarmUpLeavesNoModelUsageCacheKeyOrMeterBehind() throws Exception {
        DemoHttp admin = Routers.http(router).as(ADMIN_KEY);
        DemoHttp.Reply keys = admin.get("/admin/keys");
        assertThat(keys.status()).as(keys.raw()).isEqualTo(200);
        assertThat(keys.body().path("data")).isEmpty();
        MeterRegistry meters = router.getBean(MeterRegistry.class);
        assertThat(meters.getMeters()).flatMap(m -> m.getId().getTags()).noneMatch(t -> t.getValue()
                .startsWith("coe-warmup"));
        assertThat(meters.find("coe.cache.requests").meters().stream()
                        .mapToDouble(WarmupIT::count)
                        .sum())
                .as("cache lookups before any client request")
                .isZero();

        // The console's live metrics (shared by the replicas through Redis) count no request yet.
        DemoHttp.Reply overview = admin.get("/admin/overview");
        assertThat(overview.status()).as(overview.raw()).isEqualTo(200);
        assertThat(overview.body().at("/totals/requests").asLong()).isZero();

        DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"after-warm-up\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        DemoHttp client = Routers.http(router).as(created.body().path("key").asString());
        DemoHttp.Reply models = client.get("/v1/models");
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.raw()).contains("\"echo\"").doesNotContain("coe-warmup");
        DemoHttp.Reply answer = client.post(
                "/v1/chat/completions", "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);

        assertThat(admin.get("/admin/overview").body().at("/totals/requests").asLong())
                .isEqualTo(1);
        // Usage history holds the one client request, none of the warm-up's.
        Eventually.until("the client's request counted", () -> usageRequests(admin) >= 1);
        assertThat(usageRequests(admin)).isEqualTo(1);
        // The cache holds the client's answer only.
        DemoHttp.Reply cache = admin.get("/admin/cache/entries");
        assertThat(cache.status()).as(cache.raw()).isEqualTo(200);
        assertThat(cache.raw()).doesNotContain("coe-warmup");
    }

    @Test
    void theWarmUpHeaderOpensNothingFromOutside() throws Exception {
        String body = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + Routers.port(router) + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .header("X-Coe-Warmup", "0".repeat(64))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        // The usual OpenAI-format refusal of a request without a key: the header changes nothing.
        var error = DemoHttp.JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asString()).as(response.body()).isNotBlank();
        assertThat(error.path("message").asString()).as(response.body()).isNotBlank();
        assertThat(response.body()).doesNotContain("0".repeat(64));
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the tests that count keys and requests: this one makes a key and a request
    void aLentWarmUpExpertIsAnUnknownModelToRequestsWithoutTheWarmUpMarkAndToTheAdminApi() throws Exception {
        ExpertRegistry registry = router.getBean(ExpertRegistry.class);
        String id = "coe-warmup-0badc0de";
        DemoHttp admin = Routers.http(router).as(ADMIN_KEY);
        DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"during-warm-up\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        DemoHttp client = Routers.http(router).as(created.body().path("key").asString());
        // The window of a warm-up: an expert lent to the registry as the warm-up lends its own.
        try (ExpertRegistry.Loan loan = registry.lendUnlisted(ExpertJson.read(
                JsonMapper.builder().build().readTree("{\"id\":\"" + id + "\",\"adapter\":\"echo\"}")))) {
            assertThat(registry.findLent(id)).isPresent();

            DemoHttp.Reply named = client.post(
                    "/v1/chat/completions",
                    "{\"model\":\"" + id + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(named.status()).as(named.raw()).isEqualTo(404);
            assertThat(named.body().at("/error/code").asString()).isEqualTo("model_not_found");

            DemoHttp.Reply read = admin.get("/admin/experts/" + id);
            assertThat(read.status()).as(read.raw()).isEqualTo(404);
            DemoHttp.Reply circuit = admin.post("/admin/experts/" + id + "/circuit", "{\"state\":\"open\"}");
            assertThat(circuit.status()).as(circuit.raw()).isEqualTo(400);
            assertThat(circuit.raw()).contains("unknown_expert");
            assertThat(registry.stored(id))
                    .as("nothing written to the shared store")
                    .isEmpty();
            assertThat(registry.findLent(id).orElseThrow().circuitState()).isNotEqualTo("forced_open");
        }
        assertThat(registry.findLent(id)).isEmpty();
    }

    @Test
    void theWarmUpLeavesNoOpenSocketToItsStub() throws Exception {
        int port = router.getBean(Warmup.class).report().upstreamPort();
        assertThat(port).isPositive();
        Path tcp = Path.of("/proc/self/net/tcp");
        Assumptions.assumeTrue(Files.isReadable(tcp), "Linux's socket table");
        // Columns: sl local_address rem_address st ...; addresses are HEX_IP:HEX_PORT, st 01 ESTABLISHED,
        // 08 CLOSE_WAIT, 0A LISTEN. A socket the client closed first lingers in TIME_WAIT (06), which holds nothing.
        String hexPort = String.format(":%04X", port);
        List<String> open = new ArrayList<>();
        for (Path table : List.of(tcp, Path.of("/proc/self/net/tcp6"))) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3
                        && (f[1].endsWith(hexPort) || f[2].endsWith(hexPort))
                        && List.of("01", "08", "0A").contains(f[3])) {
                    open.add(line.trim());
                }
            }
        }
        assertThat(open).as("sockets to or of the stopped stub on port " + port).isEmpty();
    }

    private static double count(Meter meter) {
        double sum = 0;
        for (var m : meter.measure()) {
            if (m.getStatistic() == io.micrometer.core.instrument.Statistic.COUNT) {
                sum += m.getValue();
            }
        }
        return sum;
    }

    private static long usageRequests(DemoHttp admin) {
        try {
            DemoHttp.Reply usage = admin.get("/admin/usage?bucket=none");
            if (usage.status() != 200) {
                return -1;
            }
            long sum = 0;
            for (var row : usage.body().path("data")) {
                sum += row.path("requests").asLong();
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }
}
