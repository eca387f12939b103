package io.coerouter.router.console.web;

import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credential of a sign-in: the field {@code credential} of a form ({@code application/x-www-form-urlencoded}, as
 * a browser posts it) or of a JSON object. Any other field is refused, so every mistake names its field; the
 * credential itself is never echoed.
 */
final class LoginCredential {

    static final String FIELD = "credential";

    private LoginCredential() {}

    static String read(String contentType, byte[] body, JsonMapper json) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (isForm(contentType)) {
            return form(new String(bytes, StandardCharsets.UTF_8));
        }
        return BodyFields.string(BodyFields.object(json, bytes, Set.of(FIELD)), FIELD, true);
    }

    private static boolean isForm(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static String form(String body) {
        String credential = null;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!FIELD.equals(name)) {
                throw RouterException.invalid(
                        JsonBodies.echo(name),
                        "unknown_parameter",
                        "Unrecognized field '" + JsonBodies.echo(name) + "'; expected one of [" + FIELD + "].");
            }
            if (credential != null) {
                throw RouterException.invalid(FIELD, "duplicate_parameter", "The field 'credential' is given twice.");
            }
            credential = eq < 0 ? "" : decode(pair.substring(eq + 1));
        }
        if (credential == null || credential.isBlank()) {
            throw RouterException.invalid(FIELD, "missing_required_parameter", "Missing required field 'credential'.");
        }
        return credential;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid(null, "invalid_form", "The form body is not valid URL encoding.");
        }
    }
}
