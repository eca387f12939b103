package io.coerouter.router.admin;

import io.coerouter.router.error.ApiException;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.InvalidEvalSetException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.JsonNode;

/** Reads the evaluation set an admin request names: inline JSONL ({@code eval_set}) or a location ({@code eval_path}). */
final class EvalSets {

    private EvalSets() {}

    static EvalSet read(JsonNode body, ResourceLoader resources) {
        String inline = AdminBodies.string(body, "eval_set", false);
        String path = AdminBodies.string(body, "eval_path", false);
        if ((inline == null) == (path == null)) {
            throw ApiException.invalid(
                    inline == null ? "eval_set" : "eval_path",
                    "invalid_value",
                    "Give the evaluation set either inline as 'eval_set' (JSONL text) or as 'eval_path'"
                            + " (classpath:... or a file path), not both and not neither.");
        }
        String onErrorName = AdminBodies.string(body, "on_error", false);
        EvalSet.OnError onError;
        try {
            onError = onErrorName == null
                    ? EvalSet.OnError.SKIP
                    : EvalSet.OnError.valueOf(onErrorName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(
                    "on_error",
                    "invalid_value",
                    "'on_error' must be 'skip' or 'reject', but was '" + onErrorName + "'.");
        }
        EvalSet set;
        try (Reader reader = inline != null ? new StringReader(inline) : open(resources, path)) {
            set = EvalSet.parse(reader, onError);
        } catch (InvalidEvalSetException e) {
            throw ApiException.invalid(inline != null ? "eval_set" : "eval_path", "invalid_eval_set", e.getMessage());
        } catch (IOException e) {
            throw ApiException.invalid(
                    "eval_path", "invalid_value", "Could not read '" + path + "': " + e.getMessage());
        }
        String split = AdminBodies.string(body, "split", false);
        if (split != null) {
            EvalSet only = set.split(split);
            if (only.items().isEmpty()) {
                throw ApiException.invalid(
                        "split", "invalid_value", "The evaluation set has no question in split '" + split + "'.");
            }
            return only;
        }
        return set;
    }

    private static Reader open(ResourceLoader resources, String path) throws IOException {
        Resource resource = resources.getResource(path);
        if (!resource.exists()) {
            throw ApiException.invalid("eval_path", "invalid_value", "No evaluation set at '" + path + "'.");
        }
        return new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
    }
}
