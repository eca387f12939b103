package io.coerouter.skills.recruit;

import io.coerouter.expert.Pricing;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.profile.ProfileSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Recruits by skills: classify the query (or take the skills it names), drop experts the request may not or cannot
 * use, then choose by Symbolic-MoE weights or by the category map (or, with a cost–quality tradeoff, by its rule among
 * the same candidates). Without profiles it falls back to the default expert. Reads the classifier and the profiles through suppliers so both can change at run time.
 */
final class SkillRecruiter implements Recruiter {

    private final Supplier<SkillClassifier> classifier;
    private final Supplier<Optional<ProfileSet>> profiles;
    private final Supplier<Set<String>> registered;
    private final Predicate<String> available;
    private final RecruitConfig config;
    private final String defaultExpert;
    private final SymbolicMoe symbolicMoe;
    private final CategoryRouting category;

    SkillRecruiter(
            Supplier<SkillClassifier> classifier,
            Supplier<Optional<ProfileSet>> profiles,
            Supplier<Set<String>> registered,
            Predicate<String> available,
            Function<String, Pricing> prices,
            RecruitConfig config,
            String defaultExpert) {
        this.classifier = classifier;
        this.profiles = profiles;
        this.registered = registered;
        this.available = available;
        this.config = config;
        this.defaultExpert = defaultExpert;
        this.symbolicMoe = SymbolicMoe.of(config, prices);
        this.category = CategoryRouting.of(config, defaultExpert, available, prices);
    }

    @Override
    public Recruitment doRecruit(RoutingQuery query) {
        if (query.skills().isEmpty() && query.text().isBlank()) {
            Fallback fallback = Fallback.to("default expert", defaultExpert, query, registered.get(), available);
            return new Recruitment(
                    "default-expert",
                    List.of(fallback.recruit()),
                    "the query has no text to classify" + fallback.reason());
        }
        SkillClassification classification = QuerySkills.of(classifier.get(), query);
        Optional<ProfileSet> set = profiles.get();
        Set<String> known = registered.get();
        Eligibility eligibility = Eligibility.of(set, query, known, available);
        if (set.isEmpty() || eligibility.noneRegistered()) {
            String why = set.isEmpty()
                    ? "no skill profiles are loaded"
                    : query.allowed().isEmpty()
                            ? "no profiled expert is registered"
                            : "no profiled expert the caller may reach is registered";
            return byDefaultExpert(query, classification, eligibility, known, why);
        }
        if (eligibility.eligible().isEmpty()) {
            throw new NoEligibleExpertException(eligibility.excluded());
        }
        RoutingMethod method = query.method() != null ? query.method() : config.method();
        return method == RoutingMethod.CATEGORY
                ? category.recruit(query, classification, eligibility, known)
                : symbolicMoe.recruit(query, classification, eligibility);
    }

    /** The default expert (or whom the caller may reach instead) answers, since {@code why}. */
    private Recruitment byDefaultExpert(
            RoutingQuery query,
            SkillClassification classification,
            Eligibility eligibility,
            Set<String> known,
            String why) {
        Fallback fallback = Fallback.to("default expert", defaultExpert, query, known, available);
        return new Recruitment(
                "default-expert",
                List.of(fallback.recruit()),
                why + fallback.reason(),
                classification.skills(),
                classification.method(),
                classification.confidence(),
                classification.keywords(),
                List.of(),
                eligibility.reasons());
    }
}
