package io.coerouter.router.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What springdoc cannot see on a controller, applied to every operation: its tag (one per path family), summary,
 * security requirement, success status and error responses; free-form JSON bodies; ids with '/' as one parameter.
 */
final class OperationDocs {

    /** The tags (one per path family) and what they hold. */
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("chat", "Chat completions (JSON or server-sent events) and routing decisions (docs/api.md)"),
            Map.entry("models", "The models a key may call: coe and the enabled experts"),
            Map.entry("files", "Batch input and output files (docs/batching.md)"),
            Map.entry("batches", "Batches of chat completions, run by expert (docs/batching.md)"),
            Map.entry("feedback", "Scores of completions that routing learns from (docs/routing.md#feedback)"),
            Map.entry("admin-experts", "The expert registry: definitions, state, circuits (docs/resilience.md)"),
            Map.entry("admin-keys", "Gateway API keys: models, limits, budgets (docs/security.md)"),
            Map.entry("admin-skills", "The skill taxonomy (docs/routing.md)"),
            Map.entry("admin-profiles", "Expert skill profiles, their versions and profiling jobs (docs/routing.md)"),
            Map.entry("admin-evaluations", "Evaluation jobs (docs/routing.md)"),
            Map.entry("admin-aggregators", "Aggregator selection jobs and the selection in force (docs/routing.md)"),
            Map.entry("admin-jobs", "Every admin and batch job, newest first"),
            Map.entry("admin-overview", "Live figures of every replica, per minute (docs/operations.md)"),
            Map.entry("admin-pool", "This replica's local model pool (docs/local-models.md)"),
            Map.entry("admin-playground", "Routing explained and run as the admin, for the console (docs/console.md)"),
            Map.entry("admin-batches", "Any owner's batches, for the console's jobs page (docs/batching.md)"),
            Map.entry("admin-files", "Any owner's batch files, for the console's downloads (docs/batching.md)"),
            Map.entry("admin-session", "The console's session (docs/security.md)"),
            Map.entry("admin-feedback", "What routing learnt from feedback; feedback on any completion"),
            Map.entry("admin-usage", "Usage per key, expert, skill or model from PostgreSQL (docs/operations.md)"),
            Map.entry("admin-requests", "The request log, opt-in (docs/operations.md#the-request-log)"),
            Map.entry("admin-cache", "The response cache: settings, counts, entries and purges (docs/api.md)"));

    /** The success statuses the controllers choose themselves (springdoc sees only the return type). */
    private static final Map<String, String> STATUSES = Map.of(
            "createExpert", "201",
            "createKey", "201",
            "startProfileJob", "202",
            "startEvaluation", "202",
            "startAggregatorSelection", "202");

    private OperationDocs() {}

    static void customize(OpenAPI openApi) {
        Components components = openApi.getComponents();
        ErrorDocs.addErrorSchemas(components);
        ErrorDocs.addErrorResponses(components);
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
                ErrorDocs.addErrors(op, documented);
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
        String words = operationId.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
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
            return List.of(new SecurityRequirement().addList(OpenApiConfiguration.GATEWAY_KEY));
        }
        if (path.startsWith("/admin/")) {
            if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD) {
                return List.of(
                        new SecurityRequirement().addList(OpenApiConfiguration.ADMIN_KEY),
                        new SecurityRequirement().addList(OpenApiConfiguration.VIEWER_KEY));
            }
            return List.of(new SecurityRequirement().addList(OpenApiConfiguration.ADMIN_KEY));
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
                // JSON Lines (application/x-ndjson) are text, as declared.
                if (type.contains("json") && !type.contains("ndjson") && isString(media.getSchema())) {
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
}
