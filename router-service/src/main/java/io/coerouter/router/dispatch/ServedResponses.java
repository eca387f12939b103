package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Served} of the latest dispatched answers, found from the answer. The template method that prices and
 * times an answer makes a new {@link ExpertResponse} but keeps its {@link TokenUsage} object, so the usage (by
 * identity: each decoded answer has its own) is the key. Bounded: the oldest are forgotten first.
 */
final class ServedResponses {

    private static final int CAPACITY = 4096;

    /** A key that compares the usage object by identity. */
    private record Identity(TokenUsage usage) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.usage == usage;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(usage);
        }
    }

    private final Map<Identity, Served> served = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, Served> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(ExpertResponse response, Served where) {
        served.put(new Identity(response.usage()), where);
    }

    synchronized Optional<Served> of(ExpertResponse response) {
        return response == null ? Optional.empty() : Optional.ofNullable(served.get(new Identity(response.usage())));
    }
}
