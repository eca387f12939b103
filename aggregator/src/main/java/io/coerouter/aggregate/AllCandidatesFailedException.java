package io.coerouter.aggregate;

import java.util.List;
import java.util.stream.Collectors;

/** No recruited expert answered; carries every candidate's error. */
public final class AllCandidatesFailedException extends RuntimeException {

    private final transient List<Candidate> candidates;

    public AllCandidatesFailedException(List<Candidate> candidates) {
        super("all " + candidates.size() + " recruited experts failed: "
                + candidates.stream()
                        .filter(c -> c.failure() != null)
                        .map(c -> c.failure().getMessage())
                        .collect(Collectors.joining("; ")));
        this.candidates = List.copyOf(candidates);
    }

    public List<Candidate> candidates() {
        return candidates;
    }
}
