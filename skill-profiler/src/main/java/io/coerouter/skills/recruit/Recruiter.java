package io.coerouter.skills.recruit;

import io.coerouter.expert.Pricing;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.profile.ProfileSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Chooses the experts that answer a query. {@link #recruit} validates; implementations supply {@link #doRecruit}. */
public interface Recruiter {

    /** The experts for {@code query}, best first. */
    default Recruitment recruit(RoutingQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        return doRecruit(query);
    }

    /** The recruiting work itself. */
    Recruitment doRecruit(RoutingQuery query);

    /**
     * Recruits by skill profiles (Symbolic-MoE or category routing, see {@link RecruitConfig}); falls back to {@code
     * defaultExpert} while no profiles are loaded. The suppliers are read on every call, so the classifier, the
     * profiles and the registered experts may change at run time.
     *
     * @param available whether an expert can take calls now (e.g. its circuit is closed)
     */
    static Recruiter skills(
            Supplier<SkillClassifier> classifier,
            Supplier<Optional<ProfileSet>> profiles,
            Supplier<Set<String>> registered,
            Predicate<String> available,
            RecruitConfig config,
            String defaultExpert) {
        return skills(classifier, profiles, registered, available, id -> Pricing.FREE, config, defaultExpert);
    }

    /**
     * As {@link #skills(Supplier, Supplier, Supplier, Predicate, RecruitConfig, String)}, with each expert's prices for
     * cost–quality routing ({@link RecruitConfig#tradeoff()}).
     *
     * @param prices an expert's prices per 1,000 tokens (read on every call; null or unknown: free)
     */
    static Recruiter skills(
            Supplier<SkillClassifier> classifier,
            Supplier<Optional<ProfileSet>> profiles,
            Supplier<Set<String>> registered,
            Predicate<String> available,
            Function<String, Pricing> prices,
            RecruitConfig config,
            String defaultExpert) {
        Objects.requireNonNull(classifier, "classifier must not be null");
        Objects.requireNonNull(profiles, "profiles must not be null");
        Objects.requireNonNull(registered, "registered must not be null");
        Objects.requireNonNull(available, "available must not be null");
        Objects.requireNonNull(prices, "prices must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(defaultExpert, "defaultExpert must not be null");
        return new SkillRecruiter(classifier, profiles, registered, available, prices, config, defaultExpert);
    }

    /** Always the same expert: the deployment's default, used until skill profiles exist. */
    static Recruiter defaultExpert(String expertId) {
        Objects.requireNonNull(expertId, "expertId must not be null");
        return query -> new Recruitment(
                "default-expert",
                java.util.List.of(new Recruit(expertId, 1.0)),
                "no skill profiles are loaded, so the default expert '" + expertId + "' answers");
    }
}
