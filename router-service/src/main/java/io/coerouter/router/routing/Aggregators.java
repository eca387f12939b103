package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AnswerExtractor;
import io.coerouter.expert.Expert;
import io.coerouter.router.config.AggregationProperties;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment's aggregators by id, built from {@code coe.aggregation}: which one answers a request (the request's
 * {@code coe.aggregator}, else the default for its top skill, else the deployment's), and how self-MoA merges.
 */
public final class Aggregators {

    /** The ids a request may name. */
    public static final List<String> IDS = io.coerouter.router.chat.CoeOptions.AGGREGATORS;

    private final Map<String, Aggregator> byId = new LinkedHashMap<>();
    private final AggregationProperties config;
    private final ExpertRegistry registry;
    private final SelectedAggregators selected;
    private final Aggregator vote;

    public Aggregators(AggregationProperties config, ExpertRegistry registry, SelectedAggregators selected) {
        this.config = config;
        this.registry = registry;
        this.selected = selected;
        AnswerExtractor extractor;
        try {
            extractor = AnswerExtractor.named(config.extraction());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coe.aggregation.extraction: " + e.getMessage(), e);
        }
        vote = Aggregator.vote(extractor);
        byId.put("vote", vote);
        byId.put("weighted-vote", Aggregator.weightedVote(extractor));
        byId.put("first", Aggregator.first());
        if (config.synthesizer() != null) {
            byId.put("synthesis", Aggregator.synthesis(expert(registry, config.synthesizer(), "synthesizer"), vote));
        }
        if (config.judge() != null) {
            byId.put("judge", Aggregator.judge(expert(registry, config.judge(), "judge"), vote));
        }
        check("coe.aggregation.default-aggregator", config.defaultAggregator());
        config.perSkill().forEach((skill, id) -> check("coe.aggregation.per-skill." + skill, id));
        check("coe.aggregation.self-moa-aggregator", config.selfMoaAggregator());
        if (config.selfMoaAggregator().equals("self-moa")) {
            throw new IllegalStateException("coe.aggregation.self-moa-aggregator cannot be 'self-moa'");
        }
    }

    /** The aggregator for a request: named, else per top skill, else the default. */
    public String choose(String requested, String topSkill) {
        if (requested != null) {
            return requested;
        }
        return topSkill != null && config.perSkill().containsKey(topSkill)
                ? config.perSkill().get(topSkill)
                : config.defaultAggregator();
    }

    /** The aggregator {@code id} whatever the query's skill. */
    public Aggregator get(String id) {
        return get(id, null);
    }

    /**
     * The aggregator {@code id} for a query whose top skill is {@code skill}; for {@code self-moa}, the one that merges
     * its samples; for {@code synthesis}, the selected synthesiser when an aggregator selection chose one.
     */
    public Aggregator get(String id, String skill) {
        String effective = id.equals("self-moa") ? config.selfMoaAggregator() : id;
        if (effective.equals("synthesis")) {
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
                    "The aggregator '" + effective + "' needs coe.aggregation." + effective
                            + (effective.equals("synthesis") ? "r" : "") + " (an expert id), which this deployment"
                            + " does not set.");
        }
        return a;
    }

    AggregationProperties config() {
        return config;
    }

    private void check(String key, String id) {
        if (!IDS.contains(id)) {
            throw new IllegalStateException(key + " must be one of " + IDS + ", but was '" + id + "'");
        }
        if (!id.equals("self-moa") && !id.equals("synthesis") && !byId.containsKey(id)) {
            throw new IllegalStateException(key + " is '" + id + "', which needs coe.aggregation."
                    + (id.equals("synthesis") ? "synthesizer" : id) + " to name an expert");
        }
    }

    private static Expert expert(ExpertRegistry registry, String id, String key) {
        return registry.live(id, "coe.aggregation." + key);
    }
}
