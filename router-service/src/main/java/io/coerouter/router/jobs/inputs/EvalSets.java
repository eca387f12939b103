package io.coerouter.router.jobs.inputs;

import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.RouterException;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.InvalidEvalSetException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads the evaluation set an admin request gives: its JSONL text ({@code eval_set}) or the name of a set the router
 * may read ({@code eval_path}: a file in {@code coe.profiles.eval-dir} or a built-in set; see {@link EvalSetSource}).
 * Errors name a line and its problem, never its content, and one answer covers every set that is not available.
 */
final class EvalSets {

    private EvalSets() {}

    static EvalSet read(JsonNode body, EvalSetSource source) {
        String inline = BodyFields.string(body, "eval_set", false);
        String path = BodyFields.string(body, "eval_path", false);
        if ((inline == null) == (path == null)) {
            throw RouterException.invalid(
                    inline == null ? "eval_set" : "eval_path",
                    "invalid_value",
                    "Give the evaluation set either as 'eval_set' (its JSONL text) or as 'eval_path' (the name of a"
                            + " set in coe.profiles.eval-dir, or a built-in set), not both and not neither.");
        }
        String onErrorName = BodyFields.string(body, "on_error", false);
        EvalSet.OnError onError;
        try {
            onError = onErrorName == null
                    ? EvalSet.OnError.SKIP
                    : EvalSet.OnError.valueOf(onErrorName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid("on_error", "invalid_value", "'on_error' must be 'skip' or 'reject'.");
        }
        String param = inline != null ? "eval_set" : "eval_path";
        EvalSet set;
        try (Reader reader =
                inline != null ? source.inline(inline) : source.named(path).orElseThrow(EvalSets::notAvailable)) {
            set = EvalSet.parse(reader, onError);
        } catch (InvalidEvalSetException e) {
            throw RouterException.invalid(param, "invalid_eval_set", e.getMessage()); // names a line, never quotes it
        } catch (EvalSetSource.TooLargeException e) {
            throw RouterException.invalid(
                    param,
                    "eval_set_too_large",
                    "The evaluation set is larger than " + source.maxChars() + " characters or " + source.maxLines()
                            + " lines (coe.profiles.eval-max-size, coe.profiles.eval-max-lines).");
        } catch (IOException | UncheckedIOException e) {
            throw inline != null
                    ? RouterException.invalid(param, "invalid_eval_set", "The evaluation set could not be read.")
                    : notAvailable();
        }
        String split = BodyFields.string(body, "split", false);
        if (split != null) {
            EvalSet only = set.split(split);
            if (only.items().isEmpty()) {
                throw RouterException.invalid(
                        "split", "invalid_value", "The evaluation set has no question in that split.");
            }
            return only;
        }
        return set;
    }

    /** The one answer for a name that is not a set the router may read, whatever the reason. */
    private static RouterException notAvailable() {
        return RouterException.invalid(
                "eval_path",
                "eval_set_not_found",
                "No evaluation set of that name is available. 'eval_path' names a JSONL file in the folder"
                        + " coe.profiles.eval-dir (a plain file name, no path) or a built-in set such as"
                        + " 'classpath:coe-demo-experts/eval/demo-eval.jsonl'; or send the set's lines in 'eval_set'.");
    }
}
