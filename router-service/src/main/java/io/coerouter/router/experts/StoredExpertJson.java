package io.coerouter.router.experts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.expert.CircuitOverride;
import io.coerouter.router.error.JsonBodies;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the shared store keeps for one expert: its own versioned format, written field by field, so that renaming
 * a configuration property or an admin API field changes nothing stored. Version 1 (before {@code schema_version}
 * was written) has the same fields and reads the same.
 *
 * @param schemaVersion {@value #VERSION} when written now; absent in version 1
 * @param definition the expert's settings
 * @param state {@code enabled}, {@code disabled} or {@code draining}
 * @param source {@code config} or {@code admin}
 * @param circuit {@code automatic}, {@code forced_open} or {@code forced_closed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema_version", "definition", "state", "source", "circuit"})
record StoredExpertJson(
        @JsonProperty("schema_version") Integer schemaVersion,
        @JsonProperty("definition") StoredDefinition definition,
        @JsonProperty("state") String state,
        @JsonProperty("source") String source,
        @JsonProperty("circuit") String circuit) {

    /** The version this router writes. */
    static final int VERSION = 2;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static String write(StoredExpert expert) {
        return JSON.writeValueAsString(new StoredExpertJson(
                VERSION,
                StoredDefinition.of(expert.definition()),
                expert.state().apiName(),
                expert.source().apiName(),
                expert.circuit().name().toLowerCase(Locale.ROOT)));
    }

    /**
     * The stored expert {@code json} describes, in this version or an earlier one.
     *
     * @throws IllegalStateException when it cannot be read or its definition is not valid (now): the message says
     *     why, without the stored text
     */
    static StoredExpert read(String json) {
        StoredExpertJson stored;
        try {
            stored = JSON.readValue(json, StoredExpertJson.class);
        } catch (DatabindException e) {
            String where = e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new IllegalStateException(
                    "not a stored expert (" + (where.isEmpty() ? "unreadable" : JsonBodies.echo(where)) + ")", e);
        } catch (JacksonException e) {
            throw new IllegalStateException("not valid JSON", e);
        }
        try {
            return stored.toStored();
        } catch (InvalidExpertException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("not a stored expert (" + JsonBodies.echo(e.getMessage()) + ")", e);
        }
    }

    private StoredExpert toStored() {
        if (schemaVersion != null && (schemaVersion < 1 || schemaVersion > VERSION)) {
            throw new IllegalStateException("written in schema_version " + schemaVersion + ", which this version"
                    + " of the router cannot read (it reads 1 to " + VERSION + ")");
        }
        if (definition == null) {
            throw new InvalidExpertException(null, "The body must be a JSON object describing the expert.");
        }
        var properties = definition.toProperties();
        ExpertDefinitions.check(properties);
        return new StoredExpert(
                properties,
                ExpertState.of(state).orElse(ExpertState.ENABLED),
                source == null
                        ? ExpertSource.ADMIN
                        : ExpertSource.of(source)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "source must be config or admin, but was " + source)),
                CircuitOverride.valueOf((circuit == null ? "automatic" : circuit).toUpperCase(Locale.ROOT)));
    }
}
