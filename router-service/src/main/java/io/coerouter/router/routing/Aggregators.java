package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AnswerExtractor;
import io.coerouter.expert.Expert;
import io.coerouter.router.config.AggregationProperties;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.config.AnswerExtraction;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.skills.recruit.Recruitment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment's aggregators, built from {@code coe.aggregation}: which one answers a request (the request's
 * {@code coe.aggregator}, else the default for its top skill, else the deployment's), and how self-MoA merges.
 */
public final class Aggregators {

    /** The ids a request may name, as {@link AggregatorId#ids()}. */
    public static final List<String> IDS = AggregatorId.ids();

    private final Map<AggregatorId, Aggregator> byId = new EnumMap<>(AggregatorId.class);
    private final AggregationProperties config;
    private final ExpertRegistry registry;
    private final SelectedAggregators selected;
    private final Aggregator vote;

    public Aggregators(AggregationProperties config, ExpertRegistry registry, SelectedAggregators selected) {
        this.config = config;
        this.registry = registry;
        this.selected = selected;
        AnswerExtractor extractor = extractor(config.extraction());
        vote = Aggregator.vote(extractor);
        byId.put(AggregatorId.VOTE, vote);
        byId.put(AggregatorId.WEIGHTED_VOTE, Aggregator.weightedVote(extractor));
        byId.put(AggregatorId.FIRST, Aggregator.first());
        if (config.synthesizer() != null) {
            byId.put(
                    AggregatorId.SYNTHESIS,
                    Aggregator.synthesis(registry.live(config.synthesizer(), "coe.aggregation.synthesizer"), vote));
        }
        if (config.judge() != null) {
            byId.put(
                    AggregatorId.JUDGE, Aggregator.judge(registry.live(config.judge(), "coe.aggregation.judge"), vote));
        }
        check("coe.aggregation.default-aggregator", config.defaultAggregator());
        config.perSkill().forEach((skill, id) -> check("coe.aggregation.per-skill." + skill, id));
        check("coe.aggregation.self-moa-aggregator", config.selfMoaAggregator());
        if (config.selfMoaAggregator() == AggregatorId.SELF_MOA) {
            throw new IllegalStateException("coe.aggregation.self-moa-aggregator cannot be 'self-moa'");
        }
    }

    /** The aggregator for a request: named, else per top skill, else the default. */
    public AggregatorId choose(AggregatorId requested, String topSkill) {
        if (requested != null) {
            return requested;
        }
        return topSkill != null && config.perSkill().containsKey(topSkill)
                ? config.perSkill().get(topSkill)
                : config.defaultAggregator();
    }

    /** The aggregator {@code id} whatever the query's skill. */
    public Aggregator get(AggregatorId id) {
        return get(id, null);
    }

    /**
     * The aggregator with the id {@code id} (one of {@link #IDS}) whatever the query's skill.
     *
     * @throws IllegalArgumentException for an id not in {@link #IDS}
     */
    public Aggregator get(String id) {
        return get(AggregatorId.of(id));
    }

    /**
     * The aggregator {@code id} for a query whose top skill is {@code skill}; for {@code self-moa}, the one that merges
     * its samples; for {@code synthesis}, the selected synthesiser when an aggregator selection chose one.
     *
     * @throws RouterException when the deployment does not configure the expert {@code id} needs
     */
    public Aggregator get(AggregatorId id, String skill) {
        AggregatorId effective = id == AggregatorId.SELF_MOA ? config.selfMoaAggregator() : id;
        if (effective == AggregatorId.SYNTHESIS) {
            Optional<Expert> chosen = selected.synthesizerFor(skill).flatMap(registry::find);
            if (chosen.isPresent()) {
                return Aggregator.synthesis(chosen.get(), vote);
            }
        }
        Aggregator a = byId.get(effective);
        if (a == null) {
            throw RouterException.invalid(
                    "coe.aggregator",
                    "aggregator_not_configured",
                    "The aggregator '" + effective.id() + "' needs coe.aggregation." + setting(effective)
                            + " (an expert id), which this deployment does not set.");
        }
        return a;
    }

    /** The query's top skill, which picks per-skill aggregators, or null when it has none. */
    static String topSkill(Recruitment recruitment) {
        return recruitment.skills().isEmpty()
                ? null
                : recruitment.skills().getFirst().skill();
    }

    AggregationProperties config() {
        return config;
    }

    /** Every aggregator but self-MoA (its samples' merger is checked itself) needs its expert, if any, configured. */
    private void check(String key, AggregatorId id) {
        if (id != AggregatorId.SELF_MOA && id != AggregatorId.SYNTHESIS && !byId.containsKey(id)) {
            throw new IllegalStateException(
                    key + " is '" + id.id() + "', which needs coe.aggregation." + id.id() + " to name an expert");
        }
    }

    private static AnswerExtractor extractor(AnswerExtraction extraction) {
        try {
            return switch (extraction.kind()) {
                case AUTO -> AnswerExtractor.auto();
                case NUMBER -> AnswerExtractor.number();
                case CHOICE -> AnswerExtractor.choice();
                case BOXED -> AnswerExtractor.boxed();
                case LAST_LINE -> AnswerExtractor.lastLine();
                case REGEX -> AnswerExtractor.regex(extraction.pattern());
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coe.aggregation.extraction: " + e.getMessage(), e);
        }
    }

    /** The {@code coe.aggregation} setting naming the expert {@code id} needs. */
    private static String setting(AggregatorId id) {
        return id == AggregatorId.SYNTHESIS ? "synthesizer" : id.id();
    }
}
