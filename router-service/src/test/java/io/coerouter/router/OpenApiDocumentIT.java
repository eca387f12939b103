package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the router serves (generated from the controllers) names every endpoint it has, and nothing it
 * lacks, and is a valid document a client generator can use: operation ids, typed bodies, OpenAI errors, security.
 */
class OpenApiDocumentIT extends GatewayTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @SuppressWarnings("unchecked")
    void theServedDocumentListsExactlyTheRoutersEndpoints() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(document.get("openapi")).isEqualTo("3.1.0");

        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) -> operations
                .keySet()
                .forEach(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("io.coerouter")) {
                return;
            }
            for (String path : info.getPatternValues()) {
                if (path.equals("/console") || path.startsWith("/console/")) {
                    continue; // the console's pages and cookie sign-in: for browsers, not part of the API document
                }
                info.getMethodsCondition()
                        .getMethods()
                        .forEach(m -> served.add(m.name() + " " + path.replace("/**", "/{id}")));
            }
        });

        assertThat(documented).isEqualTo(served);
    }

    /** The operations whose 2xx JSON body is a DTO, so the document must name its schema. */
    private static final Set<String> TYPED = Set.of(
            "cancelBatch",
            "cancelEvaluation",
            "cancelProfileJob",
            "createBatch",
            "createChatCompletion",
            "createExpert",
            "createFile",
            "createKey",
            "deleteExpert",
            "deleteFile",
            "deleteKey",
            "disableExpert",
            "drainExpert",
            "enableExpert",
            "getAggregatorSelection",
            "getAggregatorSelectionJob",
            "getConsoleSession",
            "getEvaluation",
            "getKey",
            "getModelPool",
            "getOverview",
            "getProfileJob",
            "getSkillTaxonomy",
            "importProfiles",
            "listBatches",
            "listExperts",
            "listFiles",
            "listJobs",
            "listKeys",
            "listModels",
            "listProfileVersions",
            "replaceExpert",
            "replaceSkillTaxonomy",
            "retrieveBatch",
            "retrieveFile",
            "retrieveModel",
            "routeChatCompletion",
            "setExpertCircuit",
            "startAggregatorSelection",
            "startEvaluation",
            "startProfileJob",
            "unloadModel",
            "updateExpert",
            "updateKey",
            // Issue 17, the console's admin API
            "tryExpert",
            "playgroundRoute",
            "playgroundChat",
            "listSkillRevisions",
            "getSkillRevision",
            "activateProfileVersion",
            "adminCancelBatch",
            // Issue 20, learning from feedback
            "createFeedback",
            "adminCreateFeedback",
            "getFeedback",
            "clearFeedback",
            // Issue 21, usage analytics and the request log
            "getUsage",
            "listRequests",
            "getRequest");

    private OpenAPI parsed() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(response.body(), null, options);
        assertThat(result.getMessages()).as("the parser's validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    @Test
    void theServedDocumentIsValidAndComplete() throws Exception {
        OpenAPI api = parsed();
        assertThat(api.getInfo().getTitle()).isEqualTo("CoE Router");
        assertThat(api.getInfo().getVersion()).isNotBlank();
        assertThat(api.getInfo().getDescription()).isNotBlank();
        assertThat(api.getServers()).isNotEmpty();
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("gatewayKey", "adminKey", "viewerKey");
        Schema<?> detail = api.getComponents().getSchemas().get("OpenAiErrorDetail");
        assertThat(api.getComponents().getSchemas().get("OpenAiError").getProperties())
                .containsOnlyKeys("error");
        assertThat(detail.getProperties()).containsOnlyKeys("message", "type", "param", "code");

        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (var path : api.getPaths().entrySet()) {
            for (var entry : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                Operation op = entry.getValue();
                String name = entry.getKey() + " " + path.getKey();
                assertThat(op.getOperationId()).as(name).isNotBlank();
                assertThat(ids.add(op.getOperationId()))
                        .as("unique operationId %s", op.getOperationId())
                        .isTrue();

                // At least one 4xx response, in OpenAI's error format.
                List<String> errors = op.getResponses().entrySet().stream()
                        .filter(r -> r.getKey().startsWith("4"))
                        .filter(r -> isError(api, r.getValue()))
                        .map(Map.Entry::getKey)
                        .toList();
                assertThat(errors)
                        .as("%s: 4xx responses with the OpenAI error schema", name)
                        .isNotEmpty();
                assertThat(op.getResponses()).as(name).containsKey("500");

                // Every route needs a key when auth is on; the document says which.
                String scheme = path.getKey().startsWith("/admin/") ? "adminKey" : "gatewayKey";
                assertThat(op.getSecurity()).as("%s: security", name).isNotEmpty();
                assertThat(op.getSecurity().getFirst()).as(name).containsKey(scheme);

                // No JSON success without a schema; a DTO by reference where the controller has one.
                op.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && response.getContent() != null) {
                        MediaType json = response.getContent().get("application/json");
                        if (json != null) {
                            assertThat(json.getSchema())
                                    .as("%s %s: schema", name, status)
                                    .isNotNull();
                            if (TYPED.contains(op.getOperationId())) {
                                assertThat(json.getSchema().get$ref())
                                        .as("%s %s: a named schema", name, status)
                                        .startsWith("#/components/schemas/");
                            }
                        }
                    }
                });
            }
        }
        assertThat(ids).containsAll(TYPED);
        assertThat(operations).isEqualTo(ids.size());
    }

    private static boolean isError(OpenAPI api, ApiResponse response) {
        ApiResponse resolved = response;
        if (response.get$ref() != null) {
            String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
            resolved = api.getComponents().getResponses().get(name);
        }
        if (resolved == null || resolved.getContent() == null) {
            return false;
        }
        MediaType json = resolved.getContent().get("application/json");
        return json != null
                && json.getSchema() != null
                && "#/components/schemas/OpenAiError".equals(json.getSchema().get$ref());
    }

    @Test
    void theDocumentIsAlsoServedAsJsonAndSwaggerUiIsServed() throws Exception {
        HttpClient follow = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> json = follow.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).startsWith("{").contains("\"openapi\":\"3.1.0\"");
        HttpResponse<String> ui = follow.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/swagger-ui.html"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    /** With auth off (these tests), the quickstart's checks hold for the documentation as for the API. */
    @Test
    void theDocumentationIsRefusedToOtherOriginsWithAuthOff() throws Exception {
        RawHttp raw = new RawHttp(port);
        for (String path : List.of("/openapi.yaml", "/openapi.json", "/swagger-ui.html", "/swagger-ui/index.html")) {
            RawHttp.Reply reply = raw.send(
                    "GET", path, Map.of("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"), null, false);
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.body()).as(path).contains("cross_origin_refused");
        }
    }
}
