package io.coerouter.router.openapi;

import io.coerouter.router.error.web.OpenAiError;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The OpenAPI document springdoc builds from the controllers, completed in one place: info and servers, the security
 * schemes and which paths need them, the OpenAI error responses of every operation, tags by path (stable when
 * controllers move, and the generated clients' API class names), and the statuses the controllers set themselves.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String GATEWAY_KEY = "gatewayKey";
    static final String ADMIN_KEY = "adminKey";
    static final String VIEWER_KEY = "viewerKey";
    static final String ERROR = "OpenAiError";
    private static final String ERROR_REF = "#/components/schemas/" + ERROR;

    /** The errors every operation may answer, besides its own; 401 and 403 only where a key is needed. */
    private static final Map<String, String[]> ERRORS = errors();

    /** The tags (one per path family) and what they hold. */
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("chat", "Chat completions (JSON or server-sent events) and routing decisions (docs/api.md)"),
            Map.entry("models", "The models a key may call: coe and the enabled experts"),
            Map.entry("files", "Batch input and output files (docs/batching.md)"),
            Map.entry("batches", "Batches of chat completions, run by expert (docs/batching.md)"),
            Map.entry("admin-experts", "The expert registry: definitions, state, circuits (docs/resilience.md)"),
            Map.entry("admin-keys", "Gateway API keys: models, limits, budgets (docs/security.md)"),
            Map.entry("admin-skills", "The skill taxonomy (docs/routing.md)"),
            Map.entry("admin-profiles", "Expert skill profiles, their versions and profiling jobs (docs/routing.md)"),
            Map.entry("admin-evaluations", "Evaluation jobs (docs/routing.md)"),
            Map.entry("admin-aggregators", "Aggregator selection jobs and the selection in force (docs/routing.md)"),
            Map.entry("admin-jobs", "Every admin and batch job, newest first"));

    /** The success statuses the controllers choose themselves (springdoc sees only the return type). */
    private static final Map<String, String> STATUSES = Map.of(
            "createExpert", "201",
            "createKey", "201",
            "startProfileJob", "202",
            "startEvaluation", "202",
            "startAggregatorSelection", "202");

    @Bean
    OpenAPI coeOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("CoE Router")
                        .version("0.1.0")
                        .description("An OpenAI-compatible gateway that routes each query to the experts whose skills"
                                + " fit it. Generated from the controllers (springdoc); prose reference: docs/api.md"
                                + " (chat, route, models, errors), docs/batching.md (files, batches),"
                                + " docs/resilience.md (circuits), docs/routing.md (skills, profiles, evaluations),"
                                + " docs/security.md (keys). Errors have OpenAI's shape: {\"error\": {\"message\","
                                + " \"type\", \"param\", \"code\"}}."))
                // Relative: the router that serves the document (Swagger UI's "try it out" calls it).
                .servers(List.of(new Server().url("/").description("The router serving this document")))
                .components(new Components()
                        .addSecuritySchemes(
                                GATEWAY_KEY,
                                bearer("A gateway API key (coe-...) for /v1, needed when coe.auth.enabled is true."))
                        .addSecuritySchemes(
                                ADMIN_KEY,
                                bearer("The admin credential (COE_ADMIN_KEY) for /admin; gateway keys are refused"
                                        + " there."))
                        .addSecuritySchemes(
                                VIEWER_KEY,
                                bearer("The optional viewer credential (COE_VIEWER_KEY): GET and HEAD on /admin"
                                        + " only.")));
    }

    @Bean
    OpenApiCustomizer coeOpenApiCustomizer() {
        return OpenApiConfiguration::customize;
    }

    /** JSON at {@code /openapi.json} too (springdoc serves it at {@code /openapi}, YAML at {@code /openapi.yaml}). */
    @Bean
    WebMvcConfigurer openApiJson() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/openapi.json").setViewName("forward:/openapi");
            }
        };
    }

    static void customize(OpenAPI openApi) {
        Components components = openApi.getComponents();
        addErrorSchemas(components);
        addErrorResponses(components);
        Paths paths = new Paths();
        Set<String> tags = new TreeSet<>();
        new TreeMap<>(openApi.getPaths()).forEach((path, item) -> {
            String documented = path;
            if (path.endsWith("/**")) {
                // Ids that may contain '/' (GET /v1/models/**): one path parameter in the document.
                documented = path.substring(0, path.length() - 3) + "/{id}";
                Parameter id = new Parameter()
                        .name("id")
                        .in("path")
                        .required(true)
                        .description("The id; it may contain '/'.")
                        .schema(string());
                item.readOperations().forEach(op -> op.addParametersItem(id));
            }
            String tag = tag(documented);
            tags.add(tag);
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.readOperationsMap().entrySet()) {
                Operation op = entry.getValue();
                op.setTags(List.of(tag));
                if (op.getSummary() == null) {
                    op.setSummary(summary(op.getOperationId()));
                }
                op.setSecurity(security(documented, entry.getKey()));
                freeFormBodies(op);
                successStatus(op);
                addErrors(op, documented);
            }
            paths.addPathItem(documented, item);
        });
        openApi.setPaths(paths);
        openApi.setTags(tags.stream()
                .map(t -> new Tag().name(t).description(TAGS.get(t)))
                .toList());
    }

    /** {@code createChatCompletion}: "Create chat completion". */
    static String summary(String operationId) {
        if (operationId == null) {
            return null;
        }
        String words = operationId.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(description);
    }

    /** {@code /v1/chat/completions} and {@code /v1/route}: chat; {@code /v1/files}: files; {@code /admin/keys}: admin-keys. */
    static String tag(String path) {
        String[] parts = path.split("/");
        String family = parts.length > 2 ? parts[2] : "other";
        if (path.startsWith("/admin/")) {
            return "admin-" + family;
        }
        return family.equals("route") ? "chat" : family;
    }

    /** /v1: a gateway key; /admin: the admin key, or the viewer key for reads. */
    private static List<SecurityRequirement> security(String path, PathItem.HttpMethod method) {
        if (path.startsWith("/v1/")) {
            return List.of(new SecurityRequirement().addList(GATEWAY_KEY));
        }
        if (path.startsWith("/admin/")) {
            if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD) {
                return List.of(
                        new SecurityRequirement().addList(ADMIN_KEY), new SecurityRequirement().addList(VIEWER_KEY));
            }
            return List.of(new SecurityRequirement().addList(ADMIN_KEY));
        }
        return List.of();
    }

    /**
     * The admin bodies are read as bytes and checked field by field (byte[] and String in the signatures): JSON
     * objects on the wire, not base64 strings.
     */
    private static void freeFormBodies(Operation op) {
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            op.getRequestBody().getContent().forEach((type, media) -> {
                if (type.contains("json") && isString(media.getSchema())) {
                    media.setSchema(freeForm("A JSON object; docs/api.md lists its fields."));
                }
            });
        }
        if (op.getResponses() != null) {
            op.getResponses().forEach((status, response) -> {
                if (response.getContent() != null) {
                    response.getContent().forEach((type, media) -> {
                        if (type.contains("json") && isString(media.getSchema())) {
                            media.setSchema(freeForm(null));
                        }
                    });
                }
            });
        }
    }

    private static boolean isString(Schema<?> schema) {
        if (schema == null) {
            return false;
        }
        return "string".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("string"));
    }

    private static Schema<String> string() {
        Schema<String> schema = new Schema<>();
        schema.addType("string");
        schema.setType("string");
        return schema;
    }

    private static Schema<Object> freeForm(String description) {
        Schema<Object> schema = new Schema<>();
        schema.addType("object");
        schema.setType("object");
        schema.setDescription(description);
        return schema;
    }

    private static void successStatus(Operation op) {
        String status = STATUSES.get(op.getOperationId());
        ApiResponses responses = op.getResponses();
        if (status != null && responses != null && responses.containsKey("200")) {
            ApiResponse ok = responses.remove("200");
            ok.setDescription(status.equals("201") ? "Created" : "Accepted");
            responses.addApiResponse(status, ok);
        }
    }

    private static void addErrors(Operation op, String path) {
        if (op.getResponses() == null) {
            op.setResponses(new ApiResponses());
        }
        boolean keyed = path.startsWith("/v1/") || path.startsWith("/admin/");
        ERRORS.forEach((status, error) -> {
            if (!keyed && (status.equals("401") || status.equals("403"))) {
                return;
            }
            if (status.equals("404") && !path.contains("{")) {
                return;
            }
            if (status.equals("429") && !path.startsWith("/v1/")) {
                return;
            }
            op.getResponses().putIfAbsent(status, new ApiResponse().$ref("#/components/responses/" + error[0]));
        });
    }

    /** Status: the shared response's name and its description. */
    private static Map<String, String[]> errors() {
        Map<String, String[]> errors = new LinkedHashMap<>();
        errors.put("400", new String[] {"BadRequest", "A malformed, mistyped or unsupported request"});
        errors.put("401", new String[] {"Unauthorized", "A missing or unknown key (code invalid_api_key)"});
        errors.put("403", new String[] {"Forbidden", "The key may not use this route, model or expert"});
        errors.put("404", new String[] {"NotFound", "No such resource"});
        errors.put("429", new String[] {
            "TooManyRequests", "The key's rate or budget, or an expert's queue, is exhausted (rate_limit_error)"
        });
        errors.put("500", new String[] {"InternalError", "An error in the router (api_error)"});
        errors.put("503", new String[] {
            "ServiceUnavailable", "No expert could answer, or shared state is unavailable (api_error)"
        });
        return errors;
    }

    private static void addErrorResponses(Components components) {
        ERRORS.values().forEach(error -> {
            Schema<Object> ref = new Schema<>();
            ref.set$ref(ERROR_REF);
            components.addResponses(
                    error[0],
                    new ApiResponse()
                            .description(error[1])
                            .content(new Content().addMediaType("application/json", new MediaType().schema(ref))));
        });
    }

    /** {@link OpenAiError}, as Jackson writes it, under stable names. */
    private static void addErrorSchemas(Components components) {
        @SuppressWarnings("rawtypes")
        Map<String, Schema> read = ModelConverters.getInstance(true).readAll(new AnnotatedType(OpenAiError.class));
        Map<String, Schema<?>> renamed = new LinkedHashMap<>();
        read.forEach((name, schema) -> renamed.put(name.equals("Detail") ? ERROR + "Detail" : name, schema));
        Schema<?> error = renamed.get(ERROR);
        Schema<?> property = error.getProperties().get("error");
        property.set$ref("#/components/schemas/" + ERROR + "Detail");
        error.setRequired(new ArrayList<>(List.of("error")));
        Schema<?> detail = renamed.get(ERROR + "Detail");
        detail.setRequired(new ArrayList<>(List.of("message", "type")));
        for (String nullable : List.of("param", "code")) {
            Schema<?> field = detail.getProperties().get(nullable);
            field.setTypes(new java.util.LinkedHashSet<>(List.of("string", "null")));
            field.setType(null);
            field.setDescription(
                    nullable.equals("param") ? "The request field at fault, or null" : "A stable code, or null");
        }
        renamed.forEach(components::addSchemas);
    }
}
