package io.coerouter.router.feedback;

import io.coerouter.router.config.FeedbackProperties;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.state.StateUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning from feedback: remembers routed completions (off the request path) and takes callers' feedback on them,
 * updating the shared pseudo-counts by {@link FeedbackRule} and the {@link FeedbackOverlay} routing reads.
 */
public final class Feedback implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Feedback.class);

    /** Completions waiting to be written to the store; past this, new ones are not remembered. */
    static final int QUEUE = 10_000;

    /** Who gives feedback: the API key (null with auth off), or the admin, who may give it on any completion. */
    public record Giver(String keyId, boolean isAdmin) {

        /** The admin. */
        public static Giver theAdmin() {
            return new Giver(null, true);
        }

        /** The caller with API key {@code keyId} (null with auth off). */
        public static Giver key(String keyId) {
            return new Giver(keyId, false);
        }
    }

    /** What one feedback changed for one expert on one skill: what it added and the totals now. */
    public record Update(
            String expert, String skill, double right, double wrong, double totalRight, double totalWrong) {}

    /**
     * A feedback taken.
     *
     * @param expert the expert it was given on, or null for every expert that answered
     * @param replaced whether it replaced an earlier feedback on the same completion
     */
    public record Given(String id, double score, String expert, boolean replaced, List<Update> updated) {
        public Given {
            updated = List.copyOf(updated);
        }
    }

    private final FeedbackProperties config;
    private final FeedbackStore store;
    private final FeedbackOverlay overlay;
    private final Clock clock;
    private final Map<String, CompletionRecord> pending = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writer;
    private final Counter given;
    private final Counter lost;
    private volatile boolean writeFailing;

    public Feedback(
            FeedbackProperties config,
            FeedbackStore store,
            FeedbackOverlay overlay,
            Clock clock,
            MeterRegistry meters) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.overlay = Objects.requireNonNull(overlay, "overlay must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.writer = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().daemon().name("coe-feedback-records").factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.given = Counter.builder("coe.feedback.given")
                .description("Feedback taken on completions (POST /v1/feedback and /admin/feedback)")
                .register(meters);
        this.lost = Counter.builder("coe.feedback.completions.lost")
                .description("Routed completions not remembered for feedback (the store was down or the queue full)")
                .register(meters);
    }

    /** Whether feedback is on ({@code coe.feedback.enabled}). */
    public boolean enabled() {
        return config.enabled();
    }

    /** The settings in force. */
    public FeedbackProperties config() {
        return config;
    }

    /**
     * Remembers a routed completion for feedback, off the caller's thread; never fails and never waits (a completion
     * that cannot be remembered is counted in {@code coe.feedback.completions.lost}). Does nothing when feedback is
     * off, or without an answering expert or a skill.
     *
     * @param owner the API key that made the request, null with auth off
     */
    public void remember(String id, String owner, List<String> experts, List<CompletionRecord.SkillWeight> skills) {
        if (!config.enabled() || experts.isEmpty() || skills.isEmpty()) {
            return;
        }
        try {
            CompletionRecord record = new CompletionRecord(
                    id, owner, experts, skills, clock.instant().plus(config.completionTtl()));
            pending.put(id, record);
            try {
                writer.execute(() -> write(record));
            } catch (RejectedExecutionException full) {
                pending.remove(id);
                lost.increment();
            }
        } catch (RuntimeException e) {
            lost.increment();
            log.warn("a completion could not be remembered for feedback: {}", e.toString());
        }
    }

    /**
     * Takes {@code giver}'s feedback of {@code score} (0 wrong to 1 right) on completion {@code id}, replacing an
     * earlier one on it.
     *
     * @param expert the one expert that answered it to credit or blame, or null for all that did
     * @throws RouterException {@code NOT_FOUND} when feedback is off ({@code feedback_disabled}), or the completion is
     *     unknown, expired or not the giver's ({@code completion_not_found}, one answer for all three);
     *     {@code INVALID_REQUEST} when {@code expert} did not answer it
     * @throws StateUnavailableException when the shared store is down
     */
    public Given give(String id, Giver giver, double score, String expert) {
        requireEnabled();
        CompletionRecord record = pending.get(id);
        if (record != null) {
            store.remember(record); // still queued: written now (a no-op if the queue got there first)
        } else {
            record = store.find(id).orElse(null);
        }
        if (record == null || !(giver.isAdmin() || record.ownedBy(giver.keyId()))) {
            throw new RouterException(
                    ErrorKind.NOT_FOUND,
                    "No completion '" + JsonBodies.echo(id) + "' to give feedback on: it is unknown, older than "
                            + config.completionTtl() + ", or was not made with this key.",
                    "id",
                    "completion_not_found");
        }
        if (expert != null && !record.experts().contains(expert)) {
            throw RouterException.invalid(
                    "expert",
                    "expert_not_in_completion",
                    "Expert '" + JsonBodies.echo(expert) + "' did not answer completion '" + id + "'; "
                            + record.experts() + " did.");
        }
        List<Contribution> next = FeedbackRule.contributions(record, score, expert, config.weight());
        long now = clock.millis();
        FeedbackStore.Applied applied =
                store.apply(record, next, now, config.halfLife().toMillis());
        overlay.refresh();
        given.increment();
        List<Update> updates = new ArrayList<>();
        for (Contribution c : next) {
            FeedbackCounts total = applied.totals().getOrDefault(c.key(), new FeedbackCounts(0, 0, now));
            updates.add(
                    new Update(c.key().expert(), c.key().skill(), c.right(), c.wrong(), total.right(), total.wrong()));
        }
        return new Given(id, score, expert, applied.replaced(), updates);
    }

    /** The pseudo-counts routing uses now, per expert and skill (decayed); empty when feedback is off. */
    public Map<FeedbackKey, FeedbackCounts> current() {
        return config.enabled() ? overlay.current() : Map.of();
    }

    /**
     * Forgets all feedback on every replica (routing follows within the refresh interval; this one at once).
     *
     * @throws StateUnavailableException when the shared store is down
     */
    public void clear() {
        requireEnabled();
        store.clear();
        overlay.refresh();
    }

    /**
     * @throws RouterException {@code NOT_FOUND} {@code feedback_disabled} when feedback is off
     */
    public void requireEnabled() {
        if (!config.enabled()) {
            throw new RouterException(
                    ErrorKind.NOT_FOUND,
                    "Feedback is not enabled on this deployment (coe.feedback.enabled is false).",
                    null,
                    "feedback_disabled");
        }
    }

    private void write(CompletionRecord record) {
        try {
            store.remember(record);
            if (writeFailing) {
                writeFailing = false;
                log.info("completions are remembered for feedback again");
            }
        } catch (RuntimeException e) {
            lost.increment();
            if (!writeFailing) {
                writeFailing = true;
                log.warn("completions cannot be remembered for feedback: {}", e.getMessage());
            }
        } finally {
            pending.remove(record.id());
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(2, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
