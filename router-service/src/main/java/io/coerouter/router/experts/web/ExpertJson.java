package io.coerouter.router.experts.web;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.experts.ExpertDefinitions;
import io.coerouter.router.experts.InvalidExpertException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An expert's definition as JSON: the fields of a {@code coe.experts[]} entry in snake_case ({@code base_url},
 * {@code max_concurrency}, {@code resilience.max_attempts}, durations as {@code 10s}). Reading binds them onto {@link
 * ExpertRequest} with the configuration's binder, defaults and conversions included, so the admin API and {@code
 * application.yaml} take the same values; writing goes through {@link ExpertDefinitionJson}.
 */
public final class ExpertJson {

    /** The field that names the API key's environment variable: stored, never shown. */
    public static final String API_KEY_FIELD = "api_key_env";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS = fields(ExpertRequest.class);
    private static final Set<String> RESILIENCE_FIELDS = fields(ResilienceRequest.class);

    private ExpertJson() {}

    /** {@code definition} as JSON, every set field included (the API key's variable too: for the store only). */
    public static ObjectNode write(ExpertProperties definition) {
        return JSON.valueToTree(ExpertDefinitionJson.of(definition, true));
    }

    /**
     * The definition {@code json} describes, with the configuration's defaults for what it leaves out.
     *
     * @throws InvalidExpertException naming the field that is unknown or cannot be read
     */
    public static ExpertProperties read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidExpertException(null, "The body must be a JSON object describing the expert.");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (var field : json.properties()) {
            String name = snake(field.getKey());
            if (!FIELDS.contains(name)) {
                throw new InvalidExpertException(
                        JsonBodies.echo(name),
                        "Unknown field '" + JsonBodies.echo(field.getKey()) + "'. Known fields: " + FIELDS + ".");
            }
            once(seen, name, "");
            flatten("expert." + kebab(name), name, field.getValue(), flat);
        }
        ExpertProperties definition;
        try {
            definition = new Binder(new MapConfigurationPropertySource(flat))
                    .bindOrCreate("expert", Bindable.of(ExpertRequest.class))
                    .toProperties();
        } catch (BindException e) {
            String property = e.getProperty() != null
                    ? e.getProperty().getName().toString()
                    : e.getName().toString();
            String param = snake(property.replaceFirst("^expert\\.?", "").replace('-', '_'));
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidExpertException invalid) {
                throw invalid;
            }
            Class<?> target =
                    e.getTarget() == null ? null : e.getTarget().getType().resolve();
            if (cause instanceof NumberFormatException && !param.isEmpty()) {
                // The parser's own words ("For input string: ...") are not for clients.
                boolean whole =
                        target == Integer.class || target == int.class || target == Long.class || target == long.class;
                String value = e.getProperty() == null
                        ? ""
                        : String.valueOf(e.getProperty().getValue());
                throw new InvalidExpertException(
                        param,
                        param + (whole ? " must be a whole number" : " must be a number") + ", but was '"
                                + JsonBodies.echo(value) + "'.");
            }
            String text = cause.getMessage();
            String why = text == null
                            || text.contains("io.coerouter")
                            || text.contains("$")
                            || text.contains("java.")
                            || text.contains("springframework")
                            || text.toLowerCase(java.util.Locale.ROOT).contains("converter")
                    ? "not a valid value"
                    : JsonBodies.echo(text);
            throw new InvalidExpertException(
                    param.isEmpty() ? null : param,
                    (param.isEmpty() ? "" : param + ": ")
                            + (e.getProperty() != null
                                    ? "cannot read '"
                                            + JsonBodies.echo(String.valueOf(
                                                    e.getProperty().getValue()))
                                            + "': "
                                    : "")
                            + why);
        }
        ExpertDefinitions.check(definition);
        return definition;
    }

    /** The top-level fields {@code json} names, in snake_case. */
    public static Set<String> names(JsonNode json) {
        Set<String> names = new TreeSet<>();
        if (json != null && json.isObject()) {
            json.properties().forEach(f -> names.add(snake(f.getKey())));
        }
        return names;
    }

    /** {@code json} with {@code patch}'s fields laid over it; a null field in the patch removes the setting. */
    public static ObjectNode merge(ObjectNode json, JsonNode patch) {
        return merge(json, patch, "");
    }

    private static ObjectNode merge(ObjectNode json, JsonNode patch, String prefix) {
        ObjectNode merged = json.deepCopy();
        Set<String> seen = new java.util.HashSet<>();
        for (var field : patch.properties()) {
            String name = snake(field.getKey());
            once(seen, name, prefix);
            JsonNode value = field.getValue();
            if (value.isNull()) {
                merged.remove(name);
            } else if (value.isObject() && merged.get(name) instanceof ObjectNode existing && !name.equals("options")) {
                merged.set(name, merge(existing, value, prefix + name + "."));
            } else {
                merged.set(name, value);
            }
        }
        return merged;
    }

    private static void flatten(String key, String field, JsonNode value, Map<String, Object> out) {
        if (value.isNull()) {
            return;
        }
        if (value.isObject()) {
            Set<String> seen = new java.util.HashSet<>();
            for (var child : value.properties()) {
                if (field.equals("options") && child.getKey().isEmpty()) {
                    throw new InvalidExpertException("options", "options keys must be non-empty.");
                }
                if (field.equals("options")) {
                    // Adapter options keep their own names: brackets bind a map key verbatim.
                    flatten(key + "[" + child.getKey() + "]", "", child.getValue(), out);
                } else {
                    String name = snake(child.getKey());
                    if (field.equals("resilience") && !RESILIENCE_FIELDS.contains(name)) {
                        throw new InvalidExpertException(
                                "resilience." + JsonBodies.echo(name),
                                "Unknown field 'resilience." + JsonBodies.echo(child.getKey()) + "'. Known fields: "
                                        + RESILIENCE_FIELDS + ".");
                    }
                    once(seen, name, field + ".");
                    flatten(key + "." + kebab(name), field + "." + name, child.getValue(), out);
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                flatten(key + "[" + i + "]", field, value.get(i), out);
            }
        } else {
            out.put(key, value.asString());
        }
    }

    /**
     * Refuses a second spelling of one field ({@code max_concurrency} and {@code maxConcurrency}): which one would win
     * is not something a caller should have to guess.
     */
    private static void once(Set<String> seen, String name, String prefix) {
        if (!seen.add(name)) {
            throw new InvalidExpertException(
                    prefix + name,
                    "duplicate_key",
                    "The field '" + prefix + name + "' is named more than once (under different spellings); name it"
                            + " once.");
        }
    }

    private static Set<String> fields(Class<? extends Record> type) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(snake(component.getName()));
        }
        return names;
    }

    /** {@code inputPricePer1k}, {@code input-price-per-1k} and {@code input_price_per_1k} alike. */
    private static String snake(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char previous = i == 0 ? '_' : name.charAt(i - 1);
            if (c == '-') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                if (previous != '_' && previous != '-') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (Character.isDigit(c) && Character.isLetter(previous)) {
                out.append('_').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String kebab(String snake) {
        return snake.replace('_', '-');
    }
}
