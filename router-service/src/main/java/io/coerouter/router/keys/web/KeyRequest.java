package io.coerouter.router.keys.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeys;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /admin/keys} and {@code PATCH /admin/keys/{id}}. In a change, a field that is null was not
 * given and stays as it is; {@code models} or {@code experts} given as null clear the restriction, {@code budget_usd}
 * given as null removes the budget.
 *
 * @param given the fields the body gave, in its order
 */
record KeyRequest(
        String name,
        List<String> models,
        List<String> experts,
        @JsonProperty("requests_per_minute") Integer requestsPerMinute,
        @JsonProperty("tokens_per_minute") Integer tokensPerMinute,
        @JsonProperty("budget_usd") BigDecimal budgetUsd,
        Boolean enabled,
        @JsonIgnore List<String> given) {

    /** The fields a body may hold. */
    static final Set<String> FIELDS =
            Set.of("name", "models", "experts", "requests_per_minute", "tokens_per_minute", "budget_usd", "enabled");

    /** The most characters of a key's name. */
    static final int MAX_NAME_CHARS = 200;

    /** A new key's fields; every one but {@code name} has a default, and {@code enabled} is refused. */
    static KeyRequest forCreation(JsonNode request) {
        if (request.has("enabled")) {
            throw RouterException.invalid(
                    "enabled", "unknown_parameter", "A new key is enabled; disable it with PATCH.");
        }
        return new KeyRequest(
                name(request),
                list(request, "models"),
                list(request, "experts"),
                BodyFields.integer(request, "requests_per_minute", 0, 0, Integer.MAX_VALUE),
                BodyFields.integer(request, "tokens_per_minute", 0, 0, Integer.MAX_VALUE),
                budget(request),
                null,
                given(request));
    }

    /** The fields a change gives; null for those it does not. */
    static KeyRequest forChange(JsonNode request) {
        String name = request.has("name") ? name(request) : null;
        List<String> models = request.has("models") ? list(request, "models") : null;
        List<String> experts = request.has("experts") ? list(request, "experts") : null;
        Integer rpm = request.has("requests_per_minute")
                ? BodyFields.integer(request, "requests_per_minute", 0, 0, Integer.MAX_VALUE)
                : null;
        Integer tpm = request.has("tokens_per_minute")
                ? BodyFields.integer(request, "tokens_per_minute", 0, 0, Integer.MAX_VALUE)
                : null;
        BigDecimal budget = budget(request);
        Boolean enabled = null;
        if (request.has("enabled")) {
            if (!request.get("enabled").isBoolean()) {
                throw RouterException.invalid("enabled", "invalid_type", "'enabled' must be true or false.");
            }
            enabled = request.get("enabled").booleanValue();
        }
        return new KeyRequest(name, models, experts, rpm, tpm, budget, enabled, given(request));
    }

    /** What a new key of this request may do. */
    ApiKeys.Limits limits() {
        return new ApiKeys.Limits(name, models, experts, requestsPerMinute, tokensPerMinute, budgetUsd);
    }

    /** {@code k} with the fields this change gives. */
    ApiKey applyTo(ApiKey k) {
        return new ApiKey(
                k.id(),
                name != null ? name : k.name(),
                k.hash(),
                k.hint(),
                models != null ? models : k.models(),
                experts != null ? experts : k.experts(),
                requestsPerMinute != null ? requestsPerMinute : k.requestsPerMinute(),
                tokensPerMinute != null ? tokensPerMinute : k.tokensPerMinute(),
                given.contains("budget_usd") ? budgetUsd : k.budgetUsd(),
                enabled != null ? enabled : k.enabled(),
                k.createdAt());
    }

    /** A key's {@code name}: 1 to 200 characters, none of them a control character (names are logged and shown). */
    private static String name(JsonNode request) {
        String name = BodyFields.string(request, "name", true);
        if (name.length() > MAX_NAME_CHARS) {
            throw RouterException.invalid(
                    "name", "invalid_value", "'name' must be at most " + MAX_NAME_CHARS + " characters.");
        }
        if (name.codePoints().anyMatch(KeyRequest::unprintable)) {
            throw RouterException.invalid(
                    "name",
                    "invalid_value",
                    "'name' must not contain control, format (such as bidirectional overrides) or line-separator"
                            + " characters.");
        }
        return name;
    }

    /** A list field of names; absent or null: none (no restriction). */
    private static List<String> list(JsonNode request, String field) {
        List<String> names = BodyFields.strings(request, field);
        return names == null ? List.of() : names;
    }

    private static BigDecimal budget(JsonNode node) {
        JsonNode v = node.get("budget_usd");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw RouterException.invalid("budget_usd", "invalid_value", "'budget_usd' must be a number >= 0.");
        }
        return v.decimalValue();
    }

    private static List<String> given(JsonNode request) {
        return List.copyOf(request.propertyNames());
    }

    /** Characters that could forge or disguise a log line: controls, format characters (bidi overrides), separators. */
    private static boolean unprintable(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
