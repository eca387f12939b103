package io.coerouter.router.feedback;

import java.util.List;

/**
 * The feedback last given on one completion: what it added, and when. A later feedback on the same completion takes
 * it back (decayed as it has decayed since) before adding its own.
 */
public record AppliedFeedback(long atMillis, List<Contribution> contributions) {

    public AppliedFeedback {
        contributions = List.copyOf(contributions);
    }
}
