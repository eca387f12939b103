package io.coerouter.router.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/keys}: creates gateway API keys (the secret is in the creation answer only), lists them with their
 * spend, changes their limits, enables, disables and deletes them. Secrets and hashes are never returned or logged.
 */
@RestController
class KeysAdminController {

    private static final Logger log = LoggerFactory.getLogger(KeysAdminController.class);
    private static final Set<String> FIELDS =
            Set.of("name", "models", "experts", "requests_per_minute", "tokens_per_minute", "budget_usd", "enabled");

    private final ApiKeys keys;
    private final AdminContext admin;

    KeysAdminController(ApiKeys keys, AdminContext admin) {
        this.keys = keys;
        this.admin = admin;
    }

    /** A key as the admin API shows it; {@code key} (the secret) only in the answer that created it. */
    record KeyView(
            String object,
            String id,
            String name,
            String hint,
            List<String> models,
            List<String> experts,
            @JsonProperty("requests_per_minute") int requestsPerMinute,
            @JsonProperty("tokens_per_minute") long tokensPerMinute,
            @JsonProperty("budget_usd") BigDecimal budgetUsd,
            @JsonProperty("spent_usd") BigDecimal spentUsd,
            boolean enabled,
            @JsonProperty("created_at") long createdAt,
            String key) {}

    record KeyList(String object, List<KeyView> data) {}

    record Deleted(String id, String object, boolean deleted) {}

    @Operation(operationId = "createKey")
    @PostMapping("/admin/keys")
    ResponseEntity<KeyView> create(@RequestBody(required = false) byte[] body) {
        JsonNode request = admin.body(body, FIELDS);
        if (request.has("enabled")) {
            throw RouterException.invalid(
                    "enabled", "unknown_parameter", "A new key is enabled; disable it with PATCH.");
        }
        ApiKeys.Created created = keys.create(new ApiKeys.Limits(
                name(request),
                models(request),
                list(request, "experts"),
                AdminBodies.integer(request, "requests_per_minute", 0, 0, Integer.MAX_VALUE),
                AdminBodies.integer(request, "tokens_per_minute", 0, 0, Integer.MAX_VALUE),
                budget(request)));
        log.info(
                "API key {} ('{}') created",
                created.key().id(),
                JsonBodies.echo(created.key().name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(created.key(), created.secret()));
    }

    /** The most characters of a key's name. */
    static final int MAX_NAME_CHARS = 200;

    /** A key's {@code name}: 1 to 200 characters, none of them a control character (names are logged and shown). */
    private static String name(JsonNode request) {
        String name = AdminBodies.string(request, "name", true);
        if (name.length() > MAX_NAME_CHARS) {
            throw RouterException.invalid(
                    "name", "invalid_value", "'name' must be at most " + MAX_NAME_CHARS + " characters.");
        }
        if (name.codePoints().anyMatch(KeysAdminController::unprintable)) {
            throw RouterException.invalid(
                    "name",
                    "invalid_value",
                    "'name' must not contain control, format (such as bidirectional overrides) or line-separator"
                            + " characters.");
        }
        return name;
    }

    @Operation(operationId = "listKeys")
    @GetMapping("/admin/keys")
    KeyList list() {
        return new KeyList(
                "list", keys.store().list().stream().map(k -> view(k, null)).toList());
    }

    @Operation(operationId = "getKey")
    @GetMapping("/admin/keys/{id}")
    KeyView get(@PathVariable String id) {
        return view(keys.store().find(id).orElseThrow(() -> notFound(id)), null);
    }

    /** Changes only the fields given; {@code "enabled": false} is refused by every replica at its next call. */
    @Operation(operationId = "updateKey")
    @PatchMapping("/admin/keys/{id}")
    KeyView update(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        JsonNode request = admin.body(body, FIELDS);
        String name = request.has("name") ? name(request) : null;
        List<String> models = request.has("models") ? models(request) : null;
        List<String> experts = request.has("experts") ? list(request, "experts") : null;
        Integer rpm = request.has("requests_per_minute")
                ? AdminBodies.integer(request, "requests_per_minute", 0, 0, Integer.MAX_VALUE)
                : null;
        Integer tpm = request.has("tokens_per_minute")
                ? AdminBodies.integer(request, "tokens_per_minute", 0, 0, Integer.MAX_VALUE)
                : null;
        boolean budgetGiven = request.has("budget_usd");
        BigDecimal budget = budget(request);
        Boolean enabled = null;
        if (request.has("enabled")) {
            if (!request.get("enabled").isBoolean()) {
                throw RouterException.invalid("enabled", "invalid_type", "'enabled' must be true or false.");
            }
            enabled = request.get("enabled").booleanValue();
        }
        Boolean on = enabled;
        ApiKey changed = keys.store()
                .update(
                        id,
                        k -> new ApiKey(
                                k.id(),
                                name != null ? name : k.name(),
                                k.hash(),
                                k.hint(),
                                models != null ? models : k.models(),
                                experts != null ? experts : k.experts(),
                                rpm != null ? rpm : k.requestsPerMinute(),
                                tpm != null ? tpm : k.tokensPerMinute(),
                                budgetGiven ? budget : k.budgetUsd(),
                                on != null ? on : k.enabled(),
                                k.createdAt()))
                .orElseThrow(() -> notFound(id));
        log.info("API key {} changed: {}", id, request.propertyNames());
        return view(changed, null);
    }

    @Operation(operationId = "deleteKey")
    @DeleteMapping("/admin/keys/{id}")
    Deleted delete(@PathVariable String id) {
        if (!keys.store().delete(id)) {
            throw notFound(id);
        }
        log.info("API key {} deleted", id);
        return new Deleted(id, "api_key", true);
    }

    private KeyView view(ApiKey k, String secret) {
        return new KeyView(
                "api_key",
                k.id(),
                k.name(),
                k.hint() + "...",
                k.models(),
                k.experts(),
                k.requestsPerMinute(),
                k.tokensPerMinute(),
                k.budgetUsd(),
                keys.usage().spent(k),
                k.enabled(),
                k.createdAt().getEpochSecond(),
                secret);
    }

    private static RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND, "No API key '" + JsonBodies.echo(id) + "'.", "id", "key_not_found");
    }

    /** The models a key may call; absent or null: all. */
    private static List<String> models(JsonNode request) {
        return list(request, "models");
    }

    /** A list field of names; absent or null: none (no restriction). */
    private static List<String> list(JsonNode request, String field) {
        List<String> names = AdminBodies.strings(request, field);
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

    /** Characters that could forge or disguise a log line: controls, format characters (bidi overrides), separators. */
    private static boolean unprintable(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
