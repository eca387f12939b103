package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.client.ApiClient;
import io.coerouter.client.ApiException;
import io.coerouter.client.api.AdminExpertsApi;
import io.coerouter.client.api.AdminKeysApi;
import io.coerouter.client.api.ChatApi;
import io.coerouter.client.api.ModelsApi;
import io.coerouter.client.model.ChatMessage;
import io.coerouter.client.model.Completion;
import io.coerouter.client.model.CreateChatCompletionRequest;
import io.coerouter.client.model.ExpertList;
import io.coerouter.client.model.KeyView;
import io.coerouter.client.model.Model;
import io.coerouter.client.model.ModelList;
import io.coerouter.client.model.OpenAiError;
import io.coerouter.client.model.RouteResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed snapshot of the OpenAPI document ({@code docs/openapi.yaml}, from which the build generates a Java
 * client for these tests) is the document the router serves, and that generated client works against a running
 * router with auth on. Refresh the snapshot after changing the API:
 *
 * <pre>{@value #REFRESH}</pre>
 */
class OpenApiClientIT {

    static final String REFRESH = "./mvnw -o verify -pl router-service -am -Dtest=NoSuch -Dit.test=OpenApiClientIT"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false"
            + " -Dopenapi.snapshot.update=true";

    private static final String ADMIN_KEY = "admin-secret-openapi-0123456789";
    private static ConfigurableApplicationContext router;
    private static int port;

    @BeforeAll
    static void start() {
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        // In memory: this test needs no shared state.
                        "--coe.redis.url=",
                        "--coe.skills.warm-up=false",
                        "--coe.auth.enabled=true",
                        "--coe.auth.admin-key=" + ADMIN_KEY,
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo");
        port = Routers.port(router);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
    }

    /** {@code docs/openapi.yaml}, from the module directory (where Maven runs the tests) or the repository's. */
    static Path snapshot() {
        Path fromModule = Path.of("..", "docs", "openapi.yaml");
        return Files.exists(fromModule.getParent()) ? fromModule : Path.of("docs", "openapi.yaml");
    }

    @Test
    void theSnapshotIsTheServedDocument() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        Path snapshot = snapshot();
        if (Boolean.getBoolean("openapi.snapshot.update")) {
            Files.writeString(snapshot, served.body(), StandardCharsets.UTF_8);
        }
        Map<String, Object> live = new Yaml().load(served.body());
        Map<String, Object> committed = new Yaml().load(Files.readString(snapshot, StandardCharsets.UTF_8));
        assertThat(committed)
                .as(
                        "%s is not the document the router serves (it is generated from the controllers). Refresh it"
                                + " with:%n  %s%nthen review and commit the diff.",
                        snapshot.normalize(), REFRESH)
                .isEqualTo(live);
    }

    /** The generated client on this router, sending {@code key} as its bearer token. */
    private static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        return client;
    }

    private static CreateChatCompletionRequest hello(String model) {
        return new CreateChatCompletionRequest()
                .model(model)
                .messages(List.of(
                        new ChatMessage().role(ChatMessage.RoleEnum.USER).content("hello")));
    }

    @Test
    void theGeneratedClientCallsTheRouter() throws Exception {
        // An admin call: a gateway key for the /v1 calls.
        KeyView key = new AdminKeysApi(client(ADMIN_KEY)).createKey(Map.of("name", "openapi-client"));
        assertThat(key.getKey()).startsWith("coe-");
        ApiClient gateway = client(key.getKey());

        Completion completion = new ChatApi(gateway).createChatCompletion(hello("echo"));
        assertThat(completion.getObject()).isEqualTo("chat.completion");
        assertThat(completion.getModel()).isEqualTo("echo");
        assertThat(completion.getChoices()).hasSize(1);
        assertThat(completion.getChoices().getFirst().getMessage().getContent()).contains("hello");
        assertThat(completion.getUsage().getTotalTokens()).isPositive();

        Completion routed = new ChatApi(gateway).createChatCompletion(hello("coe"));
        assertThat(routed.getChoices().getFirst().getMessage().getRole()).isEqualTo("assistant");

        ModelList models = new ModelsApi(gateway).listModels();
        assertThat(models.getData()).extracting(Model::getId).contains("coe", "echo");
        assertThat(new ModelsApi(gateway).retrieveModel("echo").getOwnedBy()).isEqualTo("echo");

        RouteResponse route = new ChatApi(gateway).routeChatCompletion(hello("coe"));
        assertThat(route.getObject()).isEqualTo("coe.route");
        assertThat(route.getExperts()).isNotEmpty();

        ExpertList experts = new AdminExpertsApi(client(ADMIN_KEY)).listExperts();
        assertThat(experts.getObject()).isEqualTo("list");
        assertThat(experts.getData().toString()).contains("echo");
    }

    @Test
    void theGeneratedClientSeesTheDocumentedErrors() throws Exception {
        assertThatThrownBy(() -> new ModelsApi(client("coe-no-such-key")).listModels())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    OpenAiError error = parse(e.getResponseBody());
                    assertThat(error.getError().getType()).isEqualTo("invalid_request_error");
                });
        // A gateway key is refused on /admin.
        KeyView key = new AdminKeysApi(client(ADMIN_KEY)).createKey(Map.of("name", "openapi-refused"));
        assertThatThrownBy(() -> new AdminExpertsApi(client(key.getKey())).listExperts())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isIn(401, 403));
    }

    private static OpenAiError parse(String body) {
        try {
            return ApiClient.createDefaultObjectMapper().readValue(body, OpenAiError.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theDocumentationIsOpenToAnonymousCallersWithAuthOn() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (String path :
                List.of("/openapi.yaml", "/openapi.json", "/openapi", "/swagger-ui.html", "/swagger-ui/index.html")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> config = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi/swagger-config"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/openapi");
        // The rest of the actuator and the API still need a key.
        HttpResponse<String> admin = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/experts"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(401);
    }
}
