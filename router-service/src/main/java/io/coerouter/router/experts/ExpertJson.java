package io.coerouter.router.experts;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.config.ResilienceProperties;
import io.coerouter.router.error.JsonBodies;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An expert's definition as JSON: the fields of a {@code coe.experts[]} entry in snake_case ({@code base_url},
 * {@code max_concurrency}, {@code resilience.max_attempts}, durations as {@code 10s}). Reading binds them exactly as
 * the configuration is bound, defaults and conversions included, so the admin API and {@code application.yaml} take
 * the same values.
 */
public final class ExpertJson {

    /** The field that names the API key's environment variable: stored, never shown. */
    public static final String API_KEY_FIELD = "api_key_env";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = fields(ExpertProperties.class);
    private static final Set<String> RESILIENCE_FIELDS = fields(ResilienceProperties.class);

    private ExpertJson() {}

    /** {@code definition} as JSON, every set field included (the API key's variable too: for the store only). */
    public static ObjectNode write(ExpertProperties definition) {
        return (ObjectNode) node(definition);
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
                    .bindOrCreate("expert", Bindable.of(ExpertProperties.class));
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

    static String writeStored(StoredExpert expert) {
        ObjectNode node = NODES.objectNode();
        node.set("definition", write(expert.definition()));
        node.put("state", expert.state().apiName());
        node.put("source", expert.source());
        node.put("circuit", expert.circuit().name().toLowerCase(java.util.Locale.ROOT));
        return JSON.writeValueAsString(node);
    }

    /**
     * The stored expert {@code json} describes.
     *
     * @throws IllegalStateException when it cannot be read or its definition is not valid (now): the message says
     *     why, without the stored text
     */
    static StoredExpert readStored(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new StoredExpert(
                    read(node.get("definition")),
                    ExpertState.of(node.path("state").asString()).orElse(ExpertState.ENABLED),
                    node.path("source").asString(StoredExpert.ADMIN),
                    io.coerouter.expert.CircuitOverride.valueOf(
                            node.path("circuit").asString("automatic").toUpperCase(java.util.Locale.ROOT)));
        } catch (JacksonException e) {
            throw new IllegalStateException("not valid JSON", e);
        } catch (InvalidExpertException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("not a stored expert (" + JsonBodies.echo(e.getMessage()) + ")", e);
        }
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

    private static JsonNode node(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Duration d -> NODES.stringNode(print(d));
            case URI u -> NODES.stringNode(u.toString());
            case BigDecimal b -> NODES.numberNode(b);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Float f -> NODES.numberNode(f);
            case Double d -> NODES.numberNode(d);
            case String s -> NODES.stringNode(s);
            case List<?> list -> {
                var array = NODES.arrayNode();
                list.forEach(item -> array.add(node(item)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                new java.util.TreeMap<>(map).forEach((k, v) -> object.set(k.toString(), node(v)));
                yield object;
            }
            case Record record -> {
                ObjectNode object = NODES.objectNode();
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    Object v = get(component, record);
                    if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty())) {
                        object.set(snake(component.getName()), node(v));
                    }
                }
                yield object;
            }
            default -> NODES.stringNode(value.toString());
        };
    }

    /** {@code d} in the largest unit that holds it exactly: {@code 30s}, {@code 1500ms}, {@code 2m}. */
    private static String print(Duration d) {
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            if (!d.isZero() && d.toNanos() % unit.getDuration().toNanos() == 0) {
                return DurationStyle.SIMPLE.print(d, unit);
            }
        }
        return d.toNanos() % 1_000_000 == 0
                ? DurationStyle.SIMPLE.print(d, ChronoUnit.MILLIS)
                : DurationStyle.SIMPLE.print(d, ChronoUnit.NANOS);
    }

    private static Object get(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
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
    static String snake(String name) {
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
