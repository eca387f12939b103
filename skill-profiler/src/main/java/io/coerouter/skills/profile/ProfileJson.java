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
            return JSON.readValue(in, ProfileSet.class);
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

    /** A profile set from a JSON string. */
    public static ProfileSet read(String json) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
