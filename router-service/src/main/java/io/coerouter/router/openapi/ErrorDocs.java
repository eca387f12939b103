package io.coerouter.router.openapi;

import io.coerouter.router.error.web.OpenAiError;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The OpenAI error schema and the shared error responses every documented operation answers. */
final class ErrorDocs {

    static final String ERROR = "OpenAiError";
    private static final String ERROR_REF = "#/components/schemas/" + ERROR;

    /** The errors every operation may answer, besides its own; 401 and 403 only where a key is needed. */
    private static final Map<String, String[]> ERRORS = errors();

    private ErrorDocs() {}

    static void addErrors(Operation op, String path) {
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

    static void addErrorResponses(Components components) {
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
    static void addErrorSchemas(Components components) {
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
            field.setTypes(new LinkedHashSet<>(List.of("string", "null")));
            field.setType(null);
            field.setDescription(
                    nullable.equals("param") ? "The request field at fault, or null" : "A stable code, or null");
        }
        renamed.forEach(components::addSchemas);
    }
}
