package io.coerouter.aggregate;

import java.util.List;

/** Shared wording about candidates. */
final class Candidates {

    private Candidates() {}

    /** "; 1 failed: 'x' (timeout)" when some failed, else "". */
    static String failedNote(AggregationInput input) {
        List<Candidate> failed =
                input.candidates().stream().filter(c -> !c.succeeded()).toList();
        if (failed.isEmpty()) {
            return "";
        }
        return "; " + failed.size() + " failed: "
                + String.join(
                        ", ",
                        failed.stream()
                                .map(c -> "'" + c.expertId() + "' ("
                                        + c.failure().kind().name().toLowerCase(java.util.Locale.ROOT) + ")")
                                .toList());
    }
}
