package io.coerouter.skills.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Export and import of profile sets as JSON (the shape of {@link ProfileSet}). */
public final class ProfileJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The longest mean latency an imported profile may state: an hour per answer. */
    static final double MAX_LATENCY_MS = 3_600_000;

    /** The largest mean cost an imported profile may state: 1000 USD per answer. */
    static final java.math.BigDecimal MAX_COST_USD = new java.math.BigDecimal(1000);

    private ProfileJson() {}

    /** The JSON of {@code set}. */
    public static String write(ProfileSet set) {
        try {
            return JSON.writeValueAsString(set);
        } catch (JacksonException e) {
            throw new IllegalStateException("could not write the profile set: " + e.getOriginalMessage(), e);
        }
    }

    /** A profile set from JSON; an invalid one is an {@link IllegalArgumentException} that says what is wrong. */
    public static ProfileSet read(InputStream in) {
        try {
            return checked(JSON.readValue(in, ProfileSet.class));
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(
                    "the profile set is not valid: "
                            + (cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code set} when every number in it is one a profile can hold: finite, not negative, within sane bounds (what
     * routing computes with must never be NaN, infinite or absurd); else an {@link IllegalArgumentException} naming
     * the field.
     */
    static ProfileSet checked(ProfileSet set) {
        if (set == null) {
            throw new IllegalArgumentException("it must be a JSON object, not null");
        }
        if (set.version() < 0) {
            throw new IllegalArgumentException("version must be >= 0, but was " + set.version());
        }
        if (set.questions() < 0) {
            throw new IllegalArgumentException("questions must be >= 0, but was " + set.questions());
        }
        set.experts().forEach((id, profile) -> {
            String at = "experts['" + shortened(id) + "'].";
            double latency = profile.meanLatencyMs();
            if (!Double.isFinite(latency) || latency < 0 || latency > MAX_LATENCY_MS) {
                throw new IllegalArgumentException(at + "meanLatencyMs must be a finite number from 0 to "
                        + (long) MAX_LATENCY_MS + ", but was " + latency);
            }
            java.math.BigDecimal cost = profile.meanCostUsd();
            if (cost.signum() < 0 || cost.compareTo(MAX_COST_USD) > 0) {
                throw new IllegalArgumentException(at + "meanCostUsd must be from 0 to " + MAX_COST_USD + ", but was "
                        + (cost.signum() < 0 ? "negative" : "larger"));
            }
        });
        return set;
    }

    private static String shortened(String id) {
        String plain = id.replaceAll("\\p{Cntrl}", "?");
        return plain.length() > 40 ? plain.substring(0, 40) + "..." : plain;
    }

    /** A profile set from a JSON string. */
    public static ProfileSet read(String json) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
