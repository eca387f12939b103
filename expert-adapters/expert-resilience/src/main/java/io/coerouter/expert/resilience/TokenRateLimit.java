package io.coerouter.expert.resilience;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A tokens-per-minute limit over a sliding minute: each call reserves its prompt's estimated tokens before it starts and
 * settles to the provider's reported usage when it ends. A call is refused while the minute's tokens (settled and
 * reserved) already reach the limit, so one long prompt still runs on an idle expert.
 */
final class TokenRateLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int tokensPerMinute;
    private final Clock clock;
    private final Deque<Charge> charges = new ArrayDeque<>();
    private long used;

    TokenRateLimit(int tokensPerMinute, Clock clock) {
        this.tokensPerMinute = tokensPerMinute;
        this.clock = clock;
    }

    /** One call's charge; settled once with the usage the provider reported. */
    final class Charge {
        private final Instant at;
        private long tokens;

        private Charge(Instant at, long tokens) {
            this.at = at;
            this.tokens = tokens;
        }

        /** Replaces the estimate with what the call really used (0 when it failed before the provider counted). */
        void settle(long actual) {
            synchronized (TokenRateLimit.this) {
                if (charges.contains(this)) {
                    used += actual - tokens;
                }
                tokens = actual;
            }
        }
    }

    /**
     * Reserves {@code estimate} tokens, or says how long until the minute has room.
     *
     * @return the charge to settle, or empty with {@link #retryAfter()} telling when to come back
     */
    synchronized Optional<Charge> reserve(long estimate) {
        Instant now = clock.instant();
        expire(now);
        if (used >= tokensPerMinute || (used > 0 && used + estimate > tokensPerMinute)) {
            return Optional.empty();
        }
        Charge charge = new Charge(now, estimate);
        charges.addLast(charge);
        used += estimate;
        return Optional.of(charge);
    }

    /** How long until the oldest charge leaves the window; at least a second. */
    synchronized Duration retryAfter() {
        Instant now = clock.instant();
        Charge oldest = charges.peekFirst();
        if (oldest == null) {
            return Duration.ofSeconds(1);
        }
        Duration wait = Duration.between(now, oldest.at.plus(WINDOW));
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    /** Tokens counted in the current minute. */
    synchronized long used() {
        expire(clock.instant());
        return used;
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!charges.isEmpty() && !charges.peekFirst().at.isAfter(cutoff)) {
            used -= charges.removeFirst().tokens;
        }
    }

    /** A rough count of a request's prompt tokens: four characters a token, as providers' rules of thumb say. */
    static long estimate(ExpertRequest request) {
        return ChatMessage.estimateTokens(request.messages());
    }
}
