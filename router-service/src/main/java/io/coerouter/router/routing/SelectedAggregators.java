package io.coerouter.router.routing;

import io.coerouter.aggregate.AggregatorSelection;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The latest aggregator selection, if any: its best synthesiser becomes the default (per skill where chosen). */
public final class SelectedAggregators {

    /** The prefix of synthesiser candidates' names in a selection: {@code synthesis:<expert id>}. */
    public static final String SYNTHESIS = "synthesis:";

    /** A finished selection and when it was made. */
    public record Selection(AggregatorSelection.Result result, Instant at, String source) {}

    private final AtomicReference<Selection> latest = new AtomicReference<>();

    public Optional<Selection> latest() {
        return Optional.ofNullable(latest.get());
    }

    public void publish(Selection selection) {
        latest.set(selection);
    }

    /** The selected synthesiser for {@code skill} (else the overall choice), when a synthesiser won. */
    Optional<String> synthesizerFor(String skill) {
        Selection s = latest.get();
        if (s == null) {
            return Optional.empty();
        }
        String choice = skill != null && s.result().bestBySkill().containsKey(skill)
                ? s.result().bestBySkill().get(skill)
                : s.result().best();
        return choice.startsWith(SYNTHESIS) ? Optional.of(choice.substring(SYNTHESIS.length())) : Optional.empty();
    }
}
