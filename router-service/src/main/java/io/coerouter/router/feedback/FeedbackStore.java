package io.coerouter.router.feedback;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.StateUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where feedback lives: the remembered completions (until they expire) with the feedback last given on each, and the
 * pseudo-counts per expert and skill that routing reads. In this process's memory ({@link #inMemory}) or in Redis,
 * shared by every replica ({@link #redis}); both pass {@code FeedbackStoreContract}. Expiry is judged by the injected
 * clock on the stored times.
 *
 * @throws StateUnavailableException from every method of the Redis store while Redis is down
 */
public interface FeedbackStore {

    /** What applying a feedback did. */
    record Applied(boolean replaced, Map<FeedbackKey, FeedbackCounts> totals) {
        public Applied {
            totals = Map.copyOf(totals);
        }
    }

    /**
     * Remembers {@code record} until it expires, unless a record with its id is already remembered (then nothing
     * changes: a feedback given meanwhile stays).
     *
     * @return whether it was stored
     */
    boolean remember(CompletionRecord record);

    /** The remembered completion {@code id}, until it expires. */
    Optional<CompletionRecord> find(String id);

    /**
     * Gives {@code record}'s completion the feedback {@code next}, atomically: the feedback given on it before (if
     * any, and not cleared since) is taken back, {@code next} is added ({@link FeedbackRule#apply}) and remembered as
     * the completion's feedback until the completion expires.
     *
     * @return whether an earlier feedback was replaced, and the counts of every key touched, at {@code nowMillis}
     */
    Applied apply(CompletionRecord record, List<Contribution> next, long nowMillis, long halfLifeMillis);

    /** Every expert's and skill's pseudo-counts, as stored (each at its own moment, not yet decayed). */
    Map<FeedbackKey, FeedbackCounts> overlay();

    /** Forgets all pseudo-counts, and which completions they came from; the completions stay remembered. */
    void clear();

    /** A store in this process's memory remembering at most {@code maxCompletions} completions (oldest go first). */
    static FeedbackStore inMemory(int maxCompletions, Clock clock) {
        return new InMemoryFeedbackStore(maxCompletions, clock);
    }

    /** A store in Redis, shared by every replica on it. */
    static FeedbackStore redis(RedisState redis, JsonMapper json, Clock clock) {
        return new RedisFeedbackStore(redis, json, clock);
    }
}
