package io.coerouter.router.skills;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.skills.discover.Discovery;
import io.coerouter.skills.discover.DiscoveryConfig;
import io.coerouter.skills.discover.DiscoveryException;
import io.coerouter.skills.discover.DiscoveryInput;
import io.coerouter.skills.discover.DiscoveryQuestion;
import io.coerouter.skills.discover.SkillDiscovery;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.Reader;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Skills without a taxonomy: discovers skills in unlabelled questions ({@link SkillDiscovery}) and, when asked, puts
 * them in force on every replica the way {@code PUT /admin/skills} does. One discovery runs at a time on a replica
 * (embedding thousands of questions takes a while and every core); a second one meanwhile is refused, not queued.
 */
public final class SkillDiscoveries {

    private final Embedder embedder;
    private final SkillsState skills;
    private final DiscoveryConfig defaults;
    private final Clock clock;
    private final Semaphore running = new Semaphore(1);

    /**
     * @param embedder embeds the questions (not the query cache's: a discovery must not evict the queries)
     * @param defaults the limits and settings; a request may set only k and the seed
     */
    public SkillDiscoveries(Embedder embedder, SkillsState skills, DiscoveryConfig defaults, Clock clock) {
        this.embedder = embedder;
        this.skills = skills;
        this.defaults = defaults;
        this.clock = clock;
    }

    /** The limits and settings a discovery runs with, before the request's k and seed. */
    public DiscoveryConfig defaults() {
        return defaults;
    }

    /**
     * Discovers the skills of the JSONL questions in {@code jsonl}.
     *
     * @param k the clusters wanted, or null to choose
     * @param seed the seed, or null for the default
     * @throws RouterException naming the bad line ({@code param}: {@code line N}), the limit passed, k, or a
     *     discovery already running (a conflict)
     */
    public Discovery discover(Reader jsonl, Integer k, Long seed) {
        DiscoveryConfig config;
        try {
            config = defaults.withK(k);
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid(
                    "k", "invalid_value", "k must be a whole number from 2 to " + DiscoveryConfig.MAX_K + ".");
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        if (!running.tryAcquire()) {
            throw new RouterException(
                    ErrorKind.CONFLICT,
                    "A skill discovery is already running on this replica; try again when it is done.",
                    null,
                    "discovery_running");
        }
        try {
            List<DiscoveryQuestion> questions = DiscoveryInput.parse(jsonl, config);
            if (questions.isEmpty()) {
                throw RouterException.invalid(
                        "questions",
                        "missing_required_parameter",
                        "The body must hold JSONL questions, one {\"question\": ..., \"answer\": optional} a line.");
            }
            return SkillDiscovery.discover(questions, embedder, config);
        } catch (DiscoveryException e) {
            throw switch (e.kind()) {
                case INVALID_LINE -> RouterException.invalid("line " + e.line(), "invalid_line", e.getMessage() + ".");
                case TOO_MANY_QUESTIONS ->
                    new RouterException(
                            ErrorKind.TOO_LARGE,
                            "At most " + config.maxQuestions() + " questions are clustered at once; there are more.",
                            e.line() > 0 ? "line " + e.line() : null,
                            "too_many_questions");
                case TOO_FEW_QUESTIONS ->
                    RouterException.invalid(
                            k != null ? "k" : "questions",
                            "too_few_questions",
                            e.getMessage().substring(0, 1).toUpperCase(Locale.ROOT)
                                    + e.getMessage().substring(1) + ".");
            };
        } finally {
            running.release();
        }
    }

    /**
     * Puts the discovered taxonomy in force on every replica, as {@code PUT /admin/skills} does, its YAML headed by a
     * comment saying where it came from.
     *
     * @return the taxonomy's revision
     */
    public long apply(Discovery discovery) {
        SkillTaxonomy taxonomy = discovery.taxonomy();
        String source = discovery.taxonomyYaml("discovered by POST /admin/skills/discover at " + clock.instant()
                + " from " + discovery.assignments().size() + " questions: k=" + discovery.k() + " ("
                + discovery.chosenBy().name().toLowerCase(Locale.ROOT) + ")");
        return skills.replace(taxonomy, source);
    }
}
