package io.coerouter.router.feedback;

import io.coerouter.router.config.FeedbackProperties;
import io.coerouter.router.state.StateUnavailableException;
import io.coerouter.skills.profile.ProfileSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback pseudo-counts as routing reads them: a snapshot of the store, read again every {@code
 * coe.feedback.refresh} on a thread of its own (and at once after this replica gave feedback), laid over the profile
 * set in force ({@link FeedbackRule#overlay}). The request path never waits for the store: it reads the snapshot, and
 * the overlaid view is made again at most once per refresh interval, or when the profiles or the snapshot change.
 * While the store is down the last snapshot is kept. Switched off, it hands the profiles on unchanged.
 */
public final class FeedbackOverlay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedbackOverlay.class);

    /** The store's counts, by expert then skill. */
    private record Snapshot(Map<String, Map<String, FeedbackCounts>> byExpert) {
        static final Snapshot EMPTY = new Snapshot(Map.of());
    }

    /** An overlaid profile set, made at {@code atMillis} from {@code base} and {@code snapshot}. */
    private record View(ProfileSet base, Snapshot snapshot, long atMillis, ProfileSet overlaid) {}

    private final FeedbackStore store;
    private final Clock clock;
    private final boolean enabled;
    private final long halfLifeMillis;
    private final long refreshMillis;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile View view;
    private volatile boolean failing;
    private ScheduledExecutorService timer;

    private FeedbackOverlay(FeedbackProperties config, FeedbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.enabled = config.enabled();
        this.halfLifeMillis = config.halfLife().toMillis();
        this.refreshMillis = config.refresh().toMillis();
    }

    /** The overlay of {@code store}'s feedback; call {@link #start} to have it read the store. */
    public static FeedbackOverlay of(FeedbackProperties config, FeedbackStore store, Clock clock) {
        return new FeedbackOverlay(config, store, clock);
    }

    /** Reads the store now and every refresh interval, until closed; does nothing when feedback is off. */
    public synchronized FeedbackOverlay start() {
        if (enabled && timer == null) {
            refresh();
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("coe-feedback-refresh").factory());
            timer.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** {@code profiles} as recruiting sees them: with the feedback added, when there is any. */
    public Optional<ProfileSet> apply(Optional<ProfileSet> profiles) {
        return profiles.map(this::apply);
    }

    /** {@code set} with the feedback added, when there is any (and feedback is on). */
    public ProfileSet apply(ProfileSet set) {
        Snapshot now = snapshot;
        if (!enabled || now.byExpert().isEmpty()) {
            return set;
        }
        long at = clock.millis();
        View last = view;
        if (last != null
                && last.base() == set
                && last.snapshot() == now
                && at >= last.atMillis()
                && at - last.atMillis() < refreshMillis) {
            return last.overlaid();
        }
        ProfileSet overlaid = FeedbackRule.overlay(set, now.byExpert(), at, halfLifeMillis);
        view = new View(set, now, at, overlaid);
        return overlaid;
    }

    /** Every expert's and skill's pseudo-counts in the snapshot, decayed to now; negligible ones left out. */
    public Map<FeedbackKey, FeedbackCounts> current() {
        long at = clock.millis();
        Map<FeedbackKey, FeedbackCounts> out = new LinkedHashMap<>();
        snapshot.byExpert()
                .forEach((expert, skills) -> skills.forEach((skill, counts) -> {
                    FeedbackCounts decayed = counts.at(at, halfLifeMillis);
                    if (!decayed.negligible()) {
                        out.put(new FeedbackKey(expert, skill), decayed);
                    }
                }));
        return out;
    }

    /** Reads the store again; keeps the last snapshot while it cannot. */
    public void refresh() {
        Map<FeedbackKey, FeedbackCounts> read;
        try {
            read = store.overlay();
        } catch (StateUnavailableException e) {
            if (!failing) {
                log.warn("feedback could not be read again, routing with what was last read: {}", e.getMessage());
            }
            failing = true;
            return;
        } catch (RuntimeException e) {
            log.warn("reading feedback failed, routing with what was last read: {}", e.toString());
            return;
        }
        if (failing) {
            log.info("feedback read again");
            failing = false;
        }
        Map<String, Map<String, FeedbackCounts>> byExpert = new HashMap<>();
        read.forEach((key, counts) ->
                byExpert.computeIfAbsent(key.expert(), e -> new HashMap<>()).put(key.skill(), counts));
        byExpert.replaceAll((expert, skills) -> Map.copyOf(skills));
        Snapshot next = new Snapshot(Map.copyOf(byExpert));
        if (!next.equals(snapshot)) {
            snapshot = next;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
